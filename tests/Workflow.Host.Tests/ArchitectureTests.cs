using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore;
using Workflow.Host.Data;

namespace Workflow.Host.Tests;

/// <summary>
/// The dependency direction: Activities ← Host ← Web. Within Host the folders (namespaces <c>Workflow.Host.&lt;Folder&gt;</c>)
/// form no cycle, and Activities stays plain C#. Read from the compiled types: signatures and the IL of every method body.
/// The composition root (<c>AddApprovalFlow</c>, namespace Microsoft.Extensions.Hosting) is a node too: it uses every folder,
/// no folder uses it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly HostAssembly = typeof(AppOptions).Assembly;
    private static readonly Assembly ActivitiesAssembly = typeof(Workflow.Activities.RoleNames).Assembly;

    [Fact]
    public void Host_folders_have_no_dependency_cycle()
    {
        var edges = FolderEdges(HostAssembly);
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "Host folders depend on each other in a circle:\n" + string.Join("\n", cycles.Select(cycle =>
            string.Join(", ", cycle.Order()) + ":\n" + string.Join("\n", edges
                .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
                .Select(e => $"  {e.Key.From} → {e.Key.To} ({e.Value})")))));
    }

    [Fact]
    public void The_checker_sees_the_folders_and_their_dependencies()
    {
        // Guards the checker itself: a reader that found no edges would pass any tree.
        var edges = FolderEdges(HostAssembly);
        Assert.Contains(("Reminders", "Mail"), edges.Keys);
        Assert.Contains(("Reports", "Data"), edges.Keys);
        Assert.Contains(("Mail", "Data"), edges.Keys);
        var cyclic = new Dictionary<(string, string), string> { [("A", "B")] = "", [("B", "C")] = "", [("C", "A")] = "", [("C", "D")] = "" };
        Assert.Equal(["A", "B", "C"], Assert.Single(StronglyConnected(cyclic), c => c.Count > 1).Order());
    }

    [Fact]
    public void Entities_mapped_by_Data_use_nothing_of_Data()
    {
        // What makes the one exception below sound: an entity in a folder does not lead back into Data.
        var mapped = MappedTypes.Where(t => t.Assembly == HostAssembly).ToList();
        Assert.Contains(typeof(Workflow.Host.Mail.OutboxMessage), mapped);
        Assert.Contains(typeof(Workflow.Host.Identity.AppUser), mapped);
        foreach (var entity in mapped)
        {
            var types = entity.GetNestedTypes(Declared).Prepend(entity);
            Assert.DoesNotContain(types.SelectMany(UsedTypes).SelectMany(Unwrap), used => FolderOf(used) == "Data");
        }
    }

    [Fact]
    public void Activities_references_no_web_database_job_or_mail_framework()
    {
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire", "MailKit", "MimeKit", "Npgsql", "Workflow.Host", "Workflow.Web"];
        var references = ActivitiesAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Stateless", references);
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    /// <summary>The folder of a type of the Host assembly: the segment after "Workflow.Host" ("(root)" for the root namespace).</summary>
    private static string? FolderOf(Type type)
    {
        if (type.Assembly != HostAssembly) return null;
        while (type.DeclaringType is { } outer) type = outer;
        var ns = type.Namespace;
        if (ns is null) return null;
        if (ns == "Workflow.Host") return "(root)";
        if (ns.StartsWith("Workflow.Host.", StringComparison.Ordinal)) return ns["Workflow.Host.".Length..].Split('.')[0];
        return ns;
    }

    /// <summary>
    /// The one exception: Data's context and configurations map the entities of other folders (AppUser in Identity, OutboxMessage
    /// in Mail, Notification in Reminders, the audit entries in Security) and the types of their properties. An entity is a plain
    /// class that uses nothing of Data (tested above), so mapping it is not a use of the folder's services; every other use counts.
    /// </summary>
    private static readonly HashSet<Type> MappedTypes = LoadMappedTypes();

    private static HashSet<Type> LoadMappedTypes()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var entities = db.Model.GetEntityTypes().ToList();
        return entities.Select(e => e.ClrType)
            .Concat(entities.SelectMany(e => e.GetProperties()).Select(p => Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType))
            .ToHashSet();
    }

    /// <summary>Every (folder, folder it uses) with one example of the use.</summary>
    private static Dictionary<(string From, string To), string> FolderEdges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FolderOf(type) is not { } from) continue;
            foreach (var used in UsedTypes(type).SelectMany(Unwrap))
                if (FolderOf(used) is { } to && to != from && !(from == "Data" && MappedTypes.Contains(used)))
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
        }
        return edges;
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
                                          | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var a in type.GetCustomAttributesData()) yield return a.AttributeType;
        foreach (var field in type.GetFields(Declared)) yield return field.FieldType;
        foreach (var property in type.GetProperties(Declared)) yield return property.PropertyType;
        var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
        foreach (var method in methods)
        {
            if (method is MethodInfo m) yield return m.ReturnType;
            foreach (var p in method.GetParameters()) yield return p.ParameterType;
            foreach (var a in method.GetCustomAttributesData()) yield return a.AttributeType;
            if (method.GetMethodBody() is not { } body) continue;
            foreach (var local in body.LocalVariables) yield return local.LocalType;
            foreach (var used in TypesInIl(method, body.GetILAsByteArray() ?? [])) yield return used;
        }
    }

    /// <summary>A generic type and its arguments, an array or by-ref type and its element.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        if (!type.IsGenericType) return [type];
        return type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition());
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types named by the IL's type, field and method tokens (calls, casts, new objects, ldtoken of expressions).</summary>
    private static IEnumerable<Type> TypesInIl(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            var code = OpCodesByValue[value];
            var size = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineType or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                switch (member)
                {
                    case Type type:
                        yield return type;
                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        yield return field.FieldType;
                        break;
                    case MethodInfo called:
                        yield return called.DeclaringType!;
                        yield return called.ReturnType;
                        foreach (var a in called.IsGenericMethod ? called.GetGenericArguments() : []) yield return a;
                        break;
                    case ConstructorInfo constructor:
                        yield return constructor.DeclaringType!;
                        break;
                }
            }
            position += size;
        }
    }

    /// <summary>Tarjan's strongly connected components: each cycle of the graph is one component of two or more folders.</summary>
    private static List<List<string>> StronglyConnected<T>(Dictionary<(string From, string To), T> edges)
    {
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                    low[node] = Math.Min(low[node], index[to]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do component.Add(member = stack.Pop());
            while (member != node);
            components.Add(component);
        }

        foreach (var node in nodes)
            if (!index.ContainsKey(node)) Visit(node);
        return components;
    }
}
