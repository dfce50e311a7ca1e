using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflow.Host.Security;

namespace Workflow.Host.Tests.Security;

/// <summary>The retention of the security audit log is validated on start: never under the six months the Cybersecurity Law asks for.</summary>
public sealed class AuditOptionsTests
{
    [Theory]
    [InlineData("179", false)]
    [InlineData("0", false)]
    [InlineData("180", true)]
    [InlineData("3650", true)]
    public void Retention_under_180_days_is_refused(string days, bool valid)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = Path.Combine(Path.GetTempPath(), "approvalflow-options", Guid.NewGuid().ToString("N")),
            ["Reminders:JobsEnabled"] = "false",
            ["Audit:RetentionDays"] = days,
        });
        builder.AddApprovalFlow();
        using var host = builder.Build();

        var read = () => host.Services.GetRequiredService<IOptions<AuditOptions>>().Value;
        if (valid)
            Assert.Equal(int.Parse(days), read().RetentionDays);
        else
            Assert.Contains("Audit:RetentionDays must be between 180 and 36500", Assert.Throws<OptionsValidationException>(read).Message);
    }
}
