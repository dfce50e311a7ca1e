using Workflow.Host.Reminders;

namespace Workflow.Host.Tests.Mail;

/// <summary>A burst of submissions asks for one immediate sweep per window, never for none.</summary>
public sealed class SweepRequestsTests
{
    [Fact]
    public void A_burst_shares_one_sweep_and_the_next_window_gets_its_own()
    {
        long now = 1_000;
        var requests = new SweepRequests(() => now);
        var window = (long)SweepRequests.Window.TotalMilliseconds;

        Assert.True(requests.TryClaim());
        for (var i = 0; i < 20; i++)
        {
            now += window / 40;
            Assert.False(requests.TryClaim());
        }
        now = 1_000 + window;
        Assert.True(requests.TryClaim());
        Assert.False(requests.TryClaim());
    }

    [Fact]
    public async Task Parallel_requests_claim_once()
    {
        var requests = new SweepRequests(() => 42);
        var claims = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(requests.TryClaim)));
        Assert.Equal(1, claims.Count(c => c));
    }
}
