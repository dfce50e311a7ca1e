using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workflow.Host.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each EF model it meets: a compiled query refuses a context of another model,
/// and one process can hold both providers' (the tests, the bench's tools).
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db)
    {
        var model = db.Model;
        return _compiled.TryGetValue(model, out var query) ? query : _compiled.GetValue(model, _ => compile());
    }
}
