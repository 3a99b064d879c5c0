using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using LibrarianDesk.Realtime;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// Every event a page or service hears from the other servers crosses Redis as JSON: each one must come back whole,
/// or the other servers' pages would silently miss it.
/// </summary>
public sealed partial class DeskEventWireTests
{
    [Fact]
    public void Every_event_heard_from_other_servers_comes_back_whole_from_the_wire()
    {
        var heard = HeardFromOtherServers();
        heard.Should().Contain([typeof(LibrarianDesk.Features.Conversations.ConversationMessageAdded), typeof(LibrarianDesk.Features.Queue.LibrariansRung)],
            "the list is read from the sources; a regex that finds nothing would prove nothing");

        foreach (var eventType in heard)
        {
            var sample = Sample(eventType, depth: 0)!;
            var wire = JsonSerializer.Serialize(sample, eventType, DeskEventEnvelope.Json);
            var back = JsonSerializer.Deserialize(wire, eventType, DeskEventEnvelope.Json);
            JsonSerializer.Serialize(back, eventType, DeskEventEnvelope.Json).Should().Be(wire, $"{eventType.Name} must survive the trip between servers");
        }
    }

    [Fact]
    public void A_servers_own_messages_on_the_channel_are_known_by_their_first_bytes()
    {
        var message = DeskEventEnvelope.Write("library-7-0a1b2c3d", typeof(LibrarianDesk.Features.Visitors.VisitorsChanged), new LibrarianDesk.Features.Visitors.VisitorsChanged());

        message.AsSpan().StartsWith(DeskEventEnvelope.StartOf("library-7-0a1b2c3d")).Should().BeTrue("the listener drops its own server's messages unread");
        message.AsSpan().StartsWith(DeskEventEnvelope.StartOf("library-7-0a1b2c3")).Should().BeFalse("a server whose id is the start of another's still hears it");
        JsonSerializer.Deserialize<DeskEventEnvelope>(message, DeskEventEnvelope.Json)!.Server.Should().Be("library-7-0a1b2c3d");
    }

    /// <summary>The event types subscribed with Subscribe&lt;T&gt; anywhere in the desk (hearing other servers' events).</summary>
    private static List<Type> HeardFromOtherServers()
    {
        var app = typeof(DeskNotifier).Assembly;
        return Directory.EnumerateFiles(Path.Combine(Repository.Root, "LibrarianDesk"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SubscribePattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Where(name => name is not ("TEvent" or "TChanged"))
            .Distinct()
            .Select(name => app.GetTypes().Single(t => t.Name == name && !t.IsNested))
            .ToList();
    }

    /// <summary>A value for every constructor parameter and settable property, so nothing is left at its default.</summary>
    private static object? Sample(Type type, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return "text-" + depth;
        if (underlying == typeof(Guid)) return Guid.NewGuid();
        if (underlying == typeof(int)) return 7 + depth;
        if (underlying == typeof(long)) return 70L + depth;
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 7, 20, 30, 0, TimeSpan.Zero);
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(Enum.GetValues(underlying).Length - 1);
        if (underlying.IsGenericType && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var item = underlying.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(Sample(item, depth + 1));
            return underlying.Name.Contains("Set", StringComparison.Ordinal)
                ? Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(item), list)
                : list;
        }

        if (underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault() is { } constructor)
        {
            var made = constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType, depth + 1)).ToArray());
            return Fill(made, depth);
        }

        var entity = underlying.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)!.Invoke(null);
        return Fill(entity, depth);
    }

    private static object Fill(object target, int depth)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.SetMethod is { } setter && property.GetIndexParameters().Length == 0)
            {
                setter.Invoke(target, [Sample(property.PropertyType, depth + 1)]);
            }
        }

        return target;
    }

    // Subscribed directly, or through a cache dropped on the event (CachedUntilChanged<TValue, TChanged>).
    [GeneratedRegex(@"\.Subscribe<(\w+)>|CachedUntilChanged<\w+, (\w+)>")]
    private static partial Regex SubscribePattern();
}
