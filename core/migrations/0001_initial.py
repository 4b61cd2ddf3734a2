"""The office's contact details, which the project package's app held until now.

The table stays where it is (intloffice_office): on a database made before the move
this migration only tells Django the model is now core's and hands over its content
type, so that its history and permissions follow it; on a new database the table is
made by the project package's first two migrations, which run before this one.
"""

from django.db import migrations, models


def hand_over_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="intloffice", model="office").update(app_label="core")


def hand_back_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="core", model="office").update(app_label="intloffice")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("intloffice", "0002_office_translations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Office',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_zh_hans', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('name_ru', models.CharField(max_length=200, null=True, verbose_name='name')),
                        ('university', models.CharField(blank=True, max_length=200, verbose_name='university')),
                        ('university_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='university')),
                        ('university_zh_hans', models.CharField(blank=True, max_length=200, null=True, verbose_name='university')),
                        ('university_ru', models.CharField(blank=True, max_length=200, null=True, verbose_name='university')),
                        ('address', models.TextField(blank=True, verbose_name='postal address')),
                        ('address_en', models.TextField(blank=True, null=True, verbose_name='postal address')),
                        ('address_zh_hans', models.TextField(blank=True, null=True, verbose_name='postal address')),
                        ('address_ru', models.TextField(blank=True, null=True, verbose_name='postal address')),
                        ('telephone', models.CharField(blank=True, max_length=50, verbose_name='telephone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                    ],
                    options={
                        'verbose_name': 'office contact details',
                        'verbose_name_plural': 'office contact details',
                        'db_table': 'intloffice_office',
                        'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='office_is_a_single_row')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(hand_over_content_type, hand_back_content_type),
    ]
