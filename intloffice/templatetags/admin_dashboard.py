"""{% admin_dashboard as dashboard %}: the admin home's panels (intloffice/admin_dashboard.py).

A template tag rather than a custom AdminSite: admin.site, on which every app
registers its models, stays Django's own, and the home template asks for its data.
"""

from django import template

from intloffice.admin_dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard(context):
    return dashboard(context["request"])
