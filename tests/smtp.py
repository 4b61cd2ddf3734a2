"""A real SMTP server for tests (aiosmtpd), on a port of its own, keeping what it gets."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller

# Ports kept for the mail tests: several suites run on this machine at once.
PORTS = range(8620, 8629)


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            # As the server binds: a port whose last connections are closing is free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORTS.start}-{PORTS.stop - 1} for the SMTP server.")


class SmtpServer:
    """Starts on a free port; stop() and start() again keep the port and the inbox."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        # Addresses the server answers "no such mailbox", as for a closed account.
        self.refused = set()
        self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((sorted(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()
        self.controller = None

    def to(self, address):
        """The messages addressed to `address`, as email.message.EmailMessage."""
        return [message for recipients, message in self.messages if address in recipients]
