from django.db import migrations

EDITORS_GROUP = "Editors"
EDITOR_MODELS = ["method", "alias", "reference", "source", "researchfield", "methodfamily"]


def create_editors_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make them now.
    app_config = apps.get_app_config("methods")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}"
        for model in EDITOR_MODELS
        for action in ("view", "add", "change", "delete")
    ] + ["view_methodversion"]
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="methods", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "ALTER TABLE methods_method_related ADD CONSTRAINT "
                "method_related_not_self CHECK (from_method_id <> to_method_id)"
            ),
            reverse_sql=(
                "ALTER TABLE methods_method_related DROP CONSTRAINT method_related_not_self"
            ),
        ),
        migrations.RunPython(create_editors_group, remove_editors_group),
    ]
