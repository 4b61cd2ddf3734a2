"""What a file storage raises when it cannot be reached, whichever it is.

The local disk raises OSError; object storage through boto3 raises botocore's own
errors (no connection, a timeout, an answer refusing the request), which are not
OSErrors. Code that must carry on without a file (a page showing an image) or answer
with a message (an upload) catches these.
"""

from botocore.exceptions import BotoCoreError, ClientError

STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
