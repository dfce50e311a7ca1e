using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Host;
using Workflow.Host.Identity;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Accounts;

/// <summary>
/// The app as composed for production hashes passwords with Identity's default PBKDF2 rounds: the fewer rounds of the test apps
/// (<see cref="AppFactory.PasswordHashIterations"/>) are the test factories' alone. (GoingLive signs in on the published app too.)
/// </summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void The_app_hashes_with_the_default_rounds_and_verifies_its_hash()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.AddApprovalFlow();
        builder.AddApprovalFlowWeb();
        using var app = builder.Build();
        var hasher = app.Services.GetRequiredService<IPasswordHasher<AppUser>>();
        var user = new AppUser { UserName = "wang" };

        var hash = hasher.HashPassword(user, AppFactory.Password);

        var defaultRounds = new PasswordHasherOptions().IterationCount;
        Assert.Equal(100_000, defaultRounds);
        Assert.NotEqual(AppFactory.PasswordHashIterations, defaultRounds);
        Assert.Equal(defaultRounds, RoundsOf(hash));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hash, AppFactory.Password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hash, AppFactory.Password + "x"));
    }

    [Fact]
    public void A_test_app_hashes_with_its_fewer_rounds()
    {
        using var app = new AppFactory();
        var hasher = app.Services.GetRequiredService<IPasswordHasher<AppUser>>();

        var hash = hasher.HashPassword(new AppUser(), AppFactory.Password);

        Assert.Equal(AppFactory.PasswordHashIterations, RoundsOf(hash));
    }

    /// <summary>The PBKDF2 rounds an Identity v3 hash records: format byte 0x01, then PRF, rounds (big-endian), salt length.</summary>
    private static int RoundsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}
