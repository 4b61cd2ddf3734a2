"""Login lockout by client address: which address a request comes from behind
declared proxies, forged forwarded addresses, and one address failing against many
accounts (password spraying), which locks the address as a whole."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory

from core.security import client_ip

from .logins import ADDRESS_LIMIT, LIMIT, LOGIN, PASSWORD, log_in

# Which address is the client's


def request_from(remote_addr, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return RequestFactory().post(LOGIN, REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_declared_proxy_the_forwarded_address_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False

    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_declared_proxy_the_address_it_appended_is_the_clients(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1

    # The left-most entries are whatever the client sent; the proxy appends the real one.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_behind_two_declared_proxies_the_second_entry_from_the_right_is_the_clients(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.1")) == "198.51.100.1"


@pytest.mark.parametrize("forwarded_for", ["", "not-an-address", " , "])
def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_proxy(settings, forwarded_for):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.2", forwarded_for)) == "10.0.0.2"


@pytest.mark.django_db
def test_a_client_cannot_escape_the_lockout_by_forging_x_forwarded_for(client, editor, settings):
    settings.BEHIND_TLS_PROXY = True
    for forged in range(LIMIT):
        log_in(
            client,
            "wrong",
            address="10.0.0.2",
            **{"X-Forwarded-For": f"1.1.1.{forged}, 203.0.113.7"},
        )

    response = log_in(
        client, PASSWORD, address="10.0.0.2", **{"X-Forwarded-For": "9.9.9.9, 203.0.113.7"}
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_without_a_declared_proxy_forged_forwarded_addresses_do_not_help_either(client, editor):
    for forged in range(LIMIT):
        log_in(client, "wrong", **{"X-Forwarded-For": f"1.1.1.{forged}"})

    assert log_in(client, PASSWORD, **{"X-Forwarded-For": "9.9.9.9"}).status_code == 429


# One address against many accounts (password spraying)


@pytest.fixture
def accounts(settings, django_user_model):
    """Staff accounts enough to spray past the address's limit (a fast hasher: only the
    number of attempts matters here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return [
        django_user_model.objects.create_user(
            username=f"staff{number:02}", password=PASSWORD, is_staff=True, is_superuser=True
        ).username
        for number in range(ADDRESS_LIMIT + 1)
    ]


def spray(client, usernames, **kwargs):
    """One wrong password against each account: statuses."""
    return [
        log_in(client, "wrong password", username=name, **kwargs).status_code for name in usernames
    ]


@pytest.mark.django_db
def test_one_address_failing_against_many_accounts_is_locked_out_at_the_address_limit(
    client, accounts
):
    statuses = spray(client, accounts[:ADDRESS_LIMIT])

    # The limit-th failure is answered with the lockout page already.
    assert statuses == [200] * (ADDRESS_LIMIT - 1) + [429]
    response = log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT])
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "Please try again in 15 minutes, or ask an administrator to unlock it." in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_address_locked_out_for_spraying_leaves_other_addresses_alone(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[0]).status_code == 429

    elsewhere = {"username": accounts[0], "address": "198.51.100.20"}
    assert log_in(Client(), "wrong password", **elsewhere).status_code == 200
    assert log_in(Client(), PASSWORD, **elsewhere).status_code == 302


@pytest.mark.django_db
def test_an_ipv6_client_cannot_spray_from_a_new_address_of_its_network_each_time(client, accounts):
    # Any address of one /64 is one client: a fresh address for every guess gains nothing.
    statuses = [
        log_in(client, "wrong password", username=name, address=f"2001:db8:7:1::{number:x}")
        for number, name in enumerate(accounts[:ADDRESS_LIMIT], start=1)
    ]
    assert [response.status_code for response in statuses][-1] == 429
    assert (
        log_in(client, PASSWORD, username=accounts[0], address="2001:db8:7:1::beef").status_code
        == 429
    )

    neighbour = {"username": accounts[0], "address": "2001:db8:7:2::1"}
    assert log_in(Client(), PASSWORD, **neighbour).status_code == 302


@pytest.mark.django_db
def test_the_people_behind_one_campus_address_do_not_reach_the_address_limit(accounts):
    # A control: ten colleagues behind one NAT address each mistype twice, then log in.
    for name in accounts[:10]:
        colleague = Client()
        assert spray(colleague, [name, name]) == [200, 200]
        assert log_in(colleague, PASSWORD, username=name).status_code == 302


@pytest.mark.django_db
def test_an_address_lockout_ends_after_the_cool_off_period(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.latest("attempt_time").attempt_time
        - timedelta(minutes=16)
    )

    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 302


@pytest.mark.django_db
def test_staff_unlock_an_address_with_a_command(client, accounts):
    spray(client, accounts[:ADDRESS_LIMIT])
    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 429

    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)

    assert log_in(client, PASSWORD, username=accounts[ADDRESS_LIMIT]).status_code == 302


@pytest.mark.django_db
def test_behind_a_declared_proxy_the_forwarded_address_is_the_one_locked_out(
    client, accounts, settings
):
    settings.BEHIND_TLS_PROXY = True
    for number, name in enumerate(accounts[:ADDRESS_LIMIT]):
        # Whatever the sprayer writes on the left, the proxy appends its real address.
        forwarded = {"X-Forwarded-For": f"1.1.1.{number}, 203.0.113.7"}
        log_in(client, "wrong password", username=name, address="10.0.0.2", **forwarded)

    via_proxy = {"username": accounts[ADDRESS_LIMIT], "address": "10.0.0.2"}
    sprayer = log_in(client, PASSWORD, **via_proxy, **{"X-Forwarded-For": "9.9.9.9, 203.0.113.7"})
    colleague = log_in(Client(), PASSWORD, **via_proxy, **{"X-Forwarded-For": "198.51.100.20"})
    assert sprayer.status_code == 429
    assert colleague.status_code == 302
