using System.Text.RegularExpressions;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Architecture;

/// <summary>
/// Features depend on each other one way (docs/architecture.md, "Dependency order"). A feature depends on
/// another when a .cs or .razor file in its folder names that feature's namespace (a using, an @using, a
/// fully qualified name); Features/_Imports.razor counts for every feature with a .razor file. Where a lower
/// feature must react to a higher one it subscribes to an event on DeskNotifier or owns a small interface the
/// higher one implements, and names nothing above it.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>Bottom first: a feature may name only features in an earlier layer. The same list is in docs/architecture.md.</summary>
    private static readonly string[][] Layers =
    [
        ["Audit"],
        ["Accounts"],
        ["AuditLog", "CannedResponses", "IpBlocks", "Mail", "Members", "Privacy", "Scheduling", "Widget"],
        ["Desk"],
        ["Conversations"],
        ["Attachments", "Faq", "OfflineMessages"],
        ["Queue"],
        ["Analytics", "History", "Home", "Visitors"],
    ];

    private static readonly Lazy<FeatureGraph> Graph = new(FeatureGraph.Read);

    [Fact]
    public void No_feature_depends_on_itself_through_other_features()
    {
        var graph = Graph.Value;

        graph.Cycles().Select(graph.Describe).Should().BeEmpty("features depend on each other one way");
    }

    [Fact]
    public void Each_feature_names_only_features_in_lower_layers()
    {
        var graph = Graph.Value;
        var layerOf = Layers.SelectMany((layer, i) => layer.Select(feature => (feature, i))).ToDictionary(p => p.feature, p => p.i);

        var unplaced = graph.Features.Where(f => !layerOf.ContainsKey(f)).Select(f => $"{f} is in no layer");
        var missing = layerOf.Keys.Where(f => !graph.Features.Contains(f)).Select(f => $"{f} is a layer's feature without a folder");
        var upward = graph.Edges
            .Where(e => layerOf.ContainsKey(e.From) && layerOf.ContainsKey(e.To) && layerOf[e.To] >= layerOf[e.From])
            .Select(e => $"{e.From} (layer {layerOf[e.From]}) names {e.To} (layer {layerOf[e.To]}) in {string.Join(", ", e.Files)}");

        unplaced.Concat(missing).Concat(upward).Should().BeEmpty("docs/architecture.md orders the features in these layers");
    }

    [Fact]
    public void The_graph_sees_a_feature_named_in_a_razor_file_and_through_the_shared_imports()
    {
        // Guards the reading itself: these edges exist today, and a graph that missed them would pass everything.
        var edges = Graph.Value.Edges;

        edges.Should().Contain(e => e.From == "Home" && e.To == "Queue" && e.Files.Contains("Dashboard.razor"));
        edges.Should().Contain(e => e.From == "Faq" && e.To == "Accounts" && e.Files.Contains("Features/_Imports.razor"));
    }

    [Fact]
    public void The_folders_below_the_features_name_none_of_them()
    {
        // Data is the one allowance: its DbContext stores Accounts' Identity user, Librarian, and its start-up creates the first administrator.
        var app = Path.Combine(Repository.Root, "LibrarianDesk");
        var features = Directory.GetDirectories(Path.Combine(app, "Features")).Select(d => Path.GetFileName(d)).ToList();
        var data = Directory.EnumerateFiles(Path.Combine(app, "Data"), "*.cs", SearchOption.AllDirectories)
            .Select(f => (File: f, Allowed: new[] { "Accounts" }));
        var realtime = new[] { "DeskEvents", "DeskNotifier", "HubExceptionLogging", "PatronConnections", "PatronLanguage", "PatronPush", "RefreshCoalescer" }
            .Select(name => (File: Path.Combine(app, "Realtime", name + ".cs"), Allowed: Array.Empty<string>()));
        var hosting = new[] { (File: Path.Combine(app, "Hosting", "PeriodicWork.cs"), Allowed: Array.Empty<string>()) };

        var named = data.Concat(realtime).Concat(hosting)
            .SelectMany(f => Named(File.ReadAllText(f.File), features).Except(f.Allowed).Select(feature => $"{Path.GetRelativePath(app, f.File)} names {feature}"));

        named.Should().BeEmpty("docs/architecture.md places these below every feature");
    }

    private static IEnumerable<string> Named(string source, IReadOnlyList<string> features) =>
        FeatureNamespace().Matches(source).Select(m => m.Groups["feature"].Value).Where(features.Contains).Distinct();

    [GeneratedRegex(@"\bLibrarianDesk\.Features\.(?<feature>[A-Za-z]+)\b")]
    private static partial Regex FeatureNamespace();

    private sealed record Edge(string From, string To, IReadOnlyList<string> Files);

    private sealed class FeatureGraph(IReadOnlyList<string> features, IReadOnlyList<Edge> edges)
    {
        public IReadOnlyList<string> Features { get; } = features;

        public IReadOnlyList<Edge> Edges { get; } = edges;

        public static FeatureGraph Read()
        {
            var root = Path.Combine(Repository.Root, "LibrarianDesk", "Features");
            var features = Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();
            var imports = Named(File.ReadAllText(Path.Combine(root, "_Imports.razor")), features);
            var edges = new List<Edge>();
            foreach (var feature in features)
            {
                var folder = Path.Combine(root, feature);
                var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var named = files.SelectMany(f => Named(File.ReadAllText(f), features).Select(to => (To: to, File: Path.GetRelativePath(folder, f).Replace('\\', '/'))));
                if (files.Any(f => f.EndsWith(".razor", StringComparison.Ordinal)))
                {
                    named = named.Concat(imports.Select(to => (To: to, File: "Features/_Imports.razor")));
                }

                edges.AddRange(named.Where(n => n.To != feature)
                    .GroupBy(n => n.To)
                    .Select(g => new Edge(feature, g.Key, g.Select(n => n.File).Distinct().ToList())));
            }

            return new FeatureGraph(features, edges);
        }

        /// <summary>The shortest cycle through each feature that is on one, each cycle once.</summary>
        public IEnumerable<IReadOnlyList<string>> Cycles()
        {
            var seen = new HashSet<string>();
            foreach (var start in Features)
            {
                if (ShortestPath(start) is { } cycle && seen.Add(string.Join(">", Rotated(cycle))))
                {
                    yield return cycle;
                }
            }
        }

        /// <summary>"A -> B -> A", then the files that make each step.</summary>
        public string Describe(IReadOnlyList<string> cycle)
        {
            var steps = cycle.Zip(cycle.Skip(1), (from, to) => Edges.Single(e => e.From == from && e.To == to))
                .Select(e => $"\n  {e.From} -> {e.To}: {string.Join(", ", e.Files)}");
            return string.Join(" -> ", cycle) + string.Concat(steps);
        }

        // Breadth first from start back to start: the path, start at both ends, or null.
        private List<string>? ShortestPath(string start)
        {
            var cameFrom = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var at))
            {
                foreach (var next in Edges.Where(e => e.From == at).Select(e => e.To))
                {
                    if (next == start)
                    {
                        var path = new List<string> { start };
                        for (var step = at; step != start; step = cameFrom[step])
                        {
                            path.Add(step);
                        }

                        path.Add(start);
                        path.Reverse();
                        return path;
                    }

                    if (cameFrom.TryAdd(next, at))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return null;
        }

        private static IEnumerable<string> Rotated(IReadOnlyList<string> cycle)
        {
            var ring = cycle.Skip(1).ToList();
            var first = ring.IndexOf(ring.Min(StringComparer.Ordinal)!);
            return ring.Skip(first).Concat(ring.Take(first));
        }
    }
}
