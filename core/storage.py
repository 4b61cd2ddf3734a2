"""What a file storage raises when it cannot be reached, whichever it is.

The local disk raises OSError; object storage through boto3 raises botocore's own
errors (no connection, a timeout, an answer refusing the request), which are not
OSErrors. Code that must carry on without a file (a page showing an image) catches
STORAGE_ERRORS; code that tells staff the store is away (an upload) catches only
OBJECT_STORE_ERRORS, since a local OSError may be anything (a full disk, a refused
mail server) and stays a server error.
"""

from botocore.exceptions import BotoCoreError, ClientError

OBJECT_STORE_ERRORS = (BotoCoreError, ClientError)
STORAGE_ERRORS = (OSError, *OBJECT_STORE_ERRORS)
