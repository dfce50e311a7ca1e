namespace Workflow.Host.Admin;

/// <summary>Why an admin command was refused, tied to the input field it concerns ("" for the whole form).</summary>
public sealed record AdminError(string Field, string Message);

/// <summary>Outcome of an admin command: done, or every reason it was refused, so a form can show them all at once.</summary>
public sealed class AdminResult
{
    private AdminResult(IReadOnlyList<AdminError> errors) => Errors = errors;

    public IReadOnlyList<AdminError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Ok { get; } = new([]);

    public static AdminResult Failed(IEnumerable<AdminError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new AdminResult(list);
    }

    public static AdminResult Failed(string field, string message) => Failed([new AdminError(field, message)]);

    /// <summary>Ok when nothing was collected, else the collected errors.</summary>
    public static AdminResult From(IReadOnlyCollection<AdminError> errors) => errors.Count == 0 ? Ok : Failed(errors);
}
