"""Kept compliance rows without database keys, `next_change` per person (issue 16 point 4).

The member rows get each person's earliest `next_change`, copied from their requirement
rows before that column goes, so a kept table built before this migration stays live.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def copy_next_change(apps, schema_editor):
    requirements = apps.get_model("competence", "KeptRequirement")
    members = apps.get_model("competence", "KeptMember")
    earliest = (requirements.objects.filter(employee_id=OuterRef("employee_id"))
                .order_by().values("employee_id").annotate(first=Min("next_change"))
                .values("first"))
    members.objects.update(next_change=Subquery(earliest))


def key(to):
    return models.ForeignKey(db_constraint=False, db_index=False,
                             on_delete=django.db.models.deletion.CASCADE, related_name="+",
                             to=to)


class Migration(migrations.Migration):

    dependencies = [
        ("competence", "0006_kept_and_pending_indexes"),
        ("workforce", "0002_unit_months"),
    ]

    operations = [
        migrations.AddField(
            model_name="keptmember",
            name="next_change",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(copy_next_change, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="keptrequirement",
            name="competence__next_ch_838f6c_idx",
        ),
        migrations.RemoveIndex(
            model_name="keptrequirement",
            name="competence__compete_72ca5c_idx",
        ),
        migrations.RemoveField(
            model_name="keptrequirement",
            name="next_change",
        ),
        migrations.AlterField(model_name="keptmember", name="employee",
                              field=key("workforce.employee")),
        migrations.AlterField(model_name="keptmember", name="unit", field=key("workforce.unit")),
        migrations.AlterField(model_name="keptrequirement", name="competence",
                              field=key("competence.competence")),
        migrations.AlterField(model_name="keptrequirement", name="employee",
                              field=key("workforce.employee")),
        migrations.AlterField(model_name="keptrequirement", name="unit",
                              field=key("workforce.unit")),
        migrations.AddIndex(
            model_name="keptmember",
            index=models.Index(fields=["next_change"], name="competence__next_ch_c820d0_idx"),
        ),
    ]
