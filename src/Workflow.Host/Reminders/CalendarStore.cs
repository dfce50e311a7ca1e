using Microsoft.EntityFrameworkCore;
using Workflow.Activities.Calendar;
using Workflow.Host.Data;

namespace Workflow.Host.Reminders;

/// <summary>The working-day calendar as the admin keeps it in the database.</summary>
public sealed class CalendarStore(AppDbContext db)
{
    public async Task<WorkingCalendar> LoadAsync(CancellationToken ct = default) =>
        new(await db.CalendarDays.AsNoTracking().ToListAsync(ct));

    /// <summary>Fills an empty table with the official arrangement shipped with the product.</summary>
    public async Task SeedOfficialAsync(CancellationToken ct = default)
    {
        if (await db.CalendarDays.AnyAsync(ct)) return;
        db.CalendarDays.AddRange(CalendarSeed.Official());
        await db.SaveChangesAsync(ct);
    }
}
