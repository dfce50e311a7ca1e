using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Tests;

/// <summary>Every options class is validated when the app starts: a bad value stops the start and says what is wrong.</summary>
public sealed class OptionsValidationTests
{
    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var values = new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = Path.Combine(Path.GetTempPath(), "approvalflow-options", Guid.NewGuid().ToString("N")),
            ["Reminders:JobsEnabled"] = "false",
        };
        foreach (var (key, value) in settings) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddApprovalFlow();
        return builder.Build();
    }

    [Theory]
    [InlineData("Reminders:Submission:DaysBefore:0", "0", "报送提前提醒天数应在1至60之间")]
    [InlineData("Reminders:Review:OverdueEveryWorkingDays", "31", "审核逾期提醒间隔应在0至30个工作日之间")]
    [InlineData("Reminders:Rectification:OverdueEveryDays", "91", "整改逾期提醒间隔应在0至90天之间")]
    [InlineData("Reminders:SchedulePollingInterval", "00:00:00", "Reminders:SchedulePollingInterval must be positive")]
    [InlineData("Mail:Smtp:Port", "0", "The field Port must be between 1 and 65535")]
    [InlineData("Mail:Smtp:Port", "70000", "The field Port must be between 1 and 65535")]
    [InlineData("Mail:From", "not an address", "From")]
    [InlineData("Mail:BatchSize", "0", "BatchSize")]
    [InlineData("App:AccessTokenLifetime", "00:00:01", "AccessTokenLifetime")]
    [InlineData("Checks:MinimumLength", "-1", "Checks:MinimumLength must not be negative")]
    [InlineData("Rectification:MaxEvidenceBytes", "0", "MaxEvidenceBytes")]
    [InlineData("Limits:MaxSheetRows", "0", "MaxSheetRows")]
    [InlineData("Audit:RetentionDays", "10", "Audit:RetentionDays must be between 180 and 36500")]
    [InlineData("PasswordPolicy:MinimumLength", "4", "MinimumLength")]
    [InlineData("Documents:PdfFontPath", "/no/such/font.ttc", "Documents:PdfFontPath must name an existing")]
    [InlineData("Database:Provider", "PostgreSql", "Database:Provider=PostgreSql needs ConnectionStrings:ApprovalFlow")]
    public async Task A_bad_value_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        using var host = Build((key, value));
        var refused = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public async Task Demo_seeding_without_a_password_stops_the_start()
    {
        using var host = Build(("Demo:Seed", "true"), ("Demo:Password", " "));
        var refused = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Demo:Password must not be empty when Demo:Seed is on", refused.Message);
    }

    [Fact]
    public void The_defaults_and_a_good_policy_pass()
    {
        using var host = Build(("Reminders:Submission:DaysBefore:0", "14"), ("Mail:Smtp:Port", "587"));
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(587, host.Services.GetRequiredService<IOptions<Workflow.Host.Mail.MailOptions>>().Value.Smtp.Port);
    }
}
