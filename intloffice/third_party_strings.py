"""Strings the admin shows from other packages, for our catalogues to translate.

Django itself misses a few new strings in Chinese and Russian; django-axes
(the login lockout) has no Chinese catalogue and a partial Russian one;
django-simple-history misses some of its own strings in Chinese and ships its Russian
catalogue under a locale name (ru_RU) that a site speaking "ru" never reads. Marking
the strings here lets `make messages` collect them into locale/, whose translations
Django prefers to every package's own (LOCALE_PATHS comes first). Nothing imports
this module: it exists to be read by makemessages.
"""

from django.utils.translation import gettext_noop

# Django's own strings that its Chinese and Russian catalogues do not have yet.
DJANGO = [
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
]

AXES = [
    # models: names of the models and their fields, as lists, forms and filters show them
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    # admin: fieldsets, filters, actions
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
]

SIMPLE_HISTORY = [
    gettext_noop("Object"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("You may edit it again below"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Change History"),
    gettext_noop("This object doesn't have a change history."),
    # the kind of each change in the history list
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
]
