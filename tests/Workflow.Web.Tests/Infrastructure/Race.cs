namespace Workflow.Web.Tests.Infrastructure;

/// <summary>Real parallel HTTP requests: every call is started on its own thread and released at the same moment.</summary>
public static class Race
{
    /// <summary>Runs every call for every key at once and returns the answers per key, in the order of the calls.</summary>
    public static async Task<Dictionary<TKey, HttpResponseMessage[]>> RunAsync<TKey>(IEnumerable<TKey> keys,
        params Func<TKey, Task<HttpResponseMessage>>[] calls) where TKey : notnull
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = keys.ToDictionary(key => key, key => calls.Select(call => Task.Run(async () =>
        {
            await start.Task;
            return await call(key);
        })).ToArray());
        start.SetResult();
        await Task.WhenAll(inFlight.Values.SelectMany(tasks => tasks));
        return inFlight.ToDictionary(kv => kv.Key, kv => kv.Value.Select(t => t.Result).ToArray());
    }
}
