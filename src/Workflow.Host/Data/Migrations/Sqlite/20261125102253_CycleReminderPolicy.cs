using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CycleReminderPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderPolicy",
                table: "ReportingCycles",
                type: "TEXT",
                nullable: false,
                // Cycles opened before this column existed keep the default policy of that time.
                defaultValue: "{\"Submission\":{\"DaysBefore\":[7,3,1],\"OnDueDay\":true,\"OverdueEveryWorkingDays\":2,\"EscalateAfterWorkingDaysOverdue\":5},\"Review\":{\"OnEntry\":true,\"WorkingDaysBefore\":[1],\"OnDueDay\":true,\"OverdueEveryWorkingDays\":1,\"EscalateAfterWorkingDaysOverdue\":3},\"Rectification\":{\"DaysBefore\":[7,1],\"OverdueEveryDays\":7}}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReminderPolicy",
                table: "ReportingCycles");
        }
    }
}
