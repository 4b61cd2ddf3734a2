"""Logging in to the admin the way the lockout tests do it."""

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
LIMIT = 5
ADDRESS_LIMIT = 30


def log_in(client, password, username="editor", address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail_until_locked(client, **kwargs):
    return [log_in(client, "wrong password", **kwargs).status_code for _ in range(LIMIT)]
