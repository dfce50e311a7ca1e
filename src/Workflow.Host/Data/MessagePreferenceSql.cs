using Microsoft.EntityFrameworkCore.Migrations;

namespace Workflow.Host.Data;

/// <summary>
/// Hand-written part of the 消息中心 migration: the old per-user 每日汇总 setting (AspNetUsers.NotificationMode = 'Digest')
/// becomes a 每日汇总 preference for each reminder kind, the kinds it governed, so digest users keep their digest. Runs before the
/// column is dropped; <see cref="Down"/> runs after it is added back. The same SQL on both providers (double-quoted names).
/// </summary>
public static class MessagePreferenceSql
{
    private static readonly string[] ReminderKinds = ["ReminderDue", "ReminderOverdue", "ReminderEscalation"];

    public static void Up(MigrationBuilder b)
    {
        foreach (var kind in ReminderKinds)
            b.Sql("INSERT INTO \"MessagePreferences\" (\"UserId\", \"Kind\", \"Delivery\") " +
                  $"SELECT \"Id\", '{kind}', 'Digest' FROM \"AspNetUsers\" WHERE \"NotificationMode\" = 'Digest';");
    }

    public static void Down(MigrationBuilder b)
    {
        b.Sql("UPDATE \"AspNetUsers\" SET \"NotificationMode\" = CASE WHEN \"Id\" IN " +
              "(SELECT \"UserId\" FROM \"MessagePreferences\" WHERE \"Kind\" = 'ReminderDue' AND \"Delivery\" = 'Digest') " +
              "THEN 'Digest' ELSE 'Immediate' END;");
    }
}
