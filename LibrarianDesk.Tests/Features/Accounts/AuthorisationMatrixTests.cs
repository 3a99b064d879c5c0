using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>
/// Every route the desk maps (from its own endpoint data source) × every kind of caller, over real HTTP:
/// the answer must be the one this table gives. A route without a row fails, so a new route needs a rule.
/// </summary>
public sealed partial class AuthorisationMatrixTests(AuthorisationDeskApp app) : IClassFixture<AuthorisationDeskApp>
{
    private const string L = DeskRoles.Librarian;
    private const string S = DeskRoles.Supervisor;
    private const string It = DeskRoles.ItAdmin;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Who may use a route: anyone, any signed-in account (even half signed in), or a complete staff sign-in with one of the roles.</summary>
    private sealed record Rule(string Pattern, string Sample, Access Access, string[] Roles, string? Readme = null, string Method = "GET")
    {
        /// <summary>What callers send: a page load and a download by default.</summary>
        public string[] Accepts { get; init; } = ["text/html", "*/*"];

        /// <summary>One answer for every caller, where the route's answer depends on a step only a real sign-in makes.</summary>
        public Outcome? ForEveryCaller { get; init; }
    }

    private enum Access
    {
        Anonymous,
        SignedInIncomplete,
        Staff,
    }

    private static Rule Open(string pattern, string? sample = null) => new(pattern, sample ?? pattern, Access.Anonymous, []);

    private static Rule Staff(string pattern, string? readme, params string[] roles) => new(pattern, pattern, Access.Staff, roles, readme);

    private static Rule StaffAt(string sample, Rule rule) => rule with { Sample = sample };

    private static readonly string SomeId = Guid.NewGuid().ToString();

    private static readonly Rule[] Rules =
    [
        // The patron's side, the sign-in page and what a signed-out browser needs.
        Open("/Account/Login"),
        Open("/widget.js"),
        Open("/demo"),
        Open("/widget/strings/{language}", "/widget/strings/en"),
        Open("/hubs/patron") with { Method = "POST", Sample = "/hubs/patron/negotiate?negotiateVersion=1" },
        Open("/hubs/patron/negotiate") with { Method = "POST", Sample = "/hubs/patron/negotiate?negotiateVersion=1" },
        Open("/widget/attachments") with { Method = "POST" },
        Open("/widget/attachments/{attachmentId:guid}", $"/widget/attachments/{SomeId}") with { ForEveryCaller = PatronTokenRequired },
        Open("/healthz"),
        Open("/culture/{culture}", "/culture/en?returnUrl=%2F"),
        Open("/status/{Code:int}", "/status/404"),
        Open("/error"),
        Open("/not-found"),
        Open("/_framework/opaque-redirect", "/_framework/opaque-redirect?url=x"),

        // The code step after the password: without a password step just taken, back to sign-in.
        Open("/Account/Login/TwoFactor") with { ForEveryCaller = CodeStepOrBackToSignIn },

        // The pages that finish a sign-in.
        new("/Account/ChangePassword", "/Account/ChangePassword", Access.SignedInIncomplete, []),
        new("/Account/TwoFactor", "/Account/TwoFactor", Access.SignedInIncomplete, []),
        new("/Account/Logout", "/Account/Logout", Access.SignedInIncomplete, [], Method: "POST"),

        // The staff desk: its circuit and its pages.
        Staff("/_blazor", null, L, S, It),
        // The circuit's own requests come from Blazor's script, which never asks for HTML.
        StaffAt("/_blazor/negotiate?negotiateVersion=1", Staff("/_blazor/negotiate", null, L, S, It)) with { Method = "POST", Accepts = ["*/*"] },
        Staff("/_blazor/initializers", null, L, S, It),
        Staff("/_blazor/disconnect", null, L, S, It) with { Method = "POST", Accepts = ["*/*"] },

        // Development only: the static assets' fallback for files added after the build. Unmarked, so the staff rule covers it.
        StaffAt("/no-such-file.txt", Staff("/{**path:file}", null, L, S, It)),
        Staff("/", "Beranda", L, S, It),
        Staff("/queue", "Antrean", L),
        StaffAt($"/conversations/{SomeId}", Staff("/conversations/{Id:guid}", "Antrean", L)),
        Staff("/canned-responses", "Balasan Cepat", L, S),
        Staff("/offline-messages", "Pesan Luring", L),
        StaffAt($"/offline-messages/{SomeId}", Staff("/offline-messages/{Id:guid}", "Pesan Luring", L)),
        Staff("/members", "Cari Anggota", L, S),
        Staff("/members.csv", "Member CSV import and export", S),
        StaffAt($"/desk/conversations/{SomeId}/attachments", Staff("/desk/conversations/{conversationId:guid}/attachments", "Antrean", L)) with { Method = "POST" },
        StaffAt($"/desk/attachments/{SomeId}", Staff("/desk/attachments/{attachmentId:guid}", "Riwayat", L, S)),
        Staff("/history", "Riwayat", L, S),
        StaffAt($"/history/{SomeId}", Staff("/history/{Id:guid}", "Riwayat", L, S)),
        StaffAt($"/history/{SomeId}/transcript.txt", Staff("/history/{id:guid}/transcript.txt", "Riwayat", L, S)),
        Staff("/visitors", "Pengunjung", L),
        Staff("/analytics", "Analitik", S),
        StaffAt("/analytics/kpis.csv?from=2026-01-01&to=2026-01-31", Staff("/analytics/{part}.csv", "Analitik", S)),
        Staff("/admin/greeting-triggers", "Sapaan Otomatis", S),
        Staff("/admin/service-hours", "Jam Layanan", S),
        Staff("/admin/service-hours/holidays.csv", "Jam Layanan", S),
        Staff("/admin/faq", "FAQ", S),
        Staff("/admin/mail-templates", "Templat surel", S),
        Staff("/privacy", "Privasi", S),
        Staff("/privacy/requests", "Privasi", S),
        Staff("/privacy/requests/export", "Privasi", S) with { Method = "POST" },
        Staff("/admin/failed-deliveries", "Surel gagal terkirim", S, It),
        Staff("/admin/audit", "Log Audit", S, It),
        Staff("/admin/ip-blocks", "Blokir IP", S, It),
        Staff("/admin/ip-blocks.csv", "Blokir IP", S, It),
        Staff("/admin/accounts", "Akun", It),
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static bool IsStaticAsset(Endpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    private static string PatternOf(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.Trim('/');

    [Fact]
    public void Every_route_of_the_desk_has_an_explicit_rule()
    {
        var known = Rules.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);
        var unruled = Endpoints().Where(e => !IsStaticAsset(e)).Select(PatternOf).Where(p => !known.Contains(p)).Distinct().ToList();

        unruled.Should().BeEmpty("a new route without an explicit rule must get a row in this test's table");
    }

    [Fact]
    public void Every_rule_names_a_route_the_desk_still_maps()
    {
        var mapped = Endpoints().Select(PatternOf).ToHashSet(StringComparer.Ordinal);

        Rules.Select(r => r.Pattern).Where(p => !mapped.Contains(p)).Should().BeEmpty("a stale row would hide a renamed route");
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_its_rule_says()
    {
        var failures = new List<string>();
        foreach (var rule in Rules)
        {
            foreach (var (caller, client) in app.Callers)
            {
                foreach (var accept in rule.Accepts)
                {
                    using var response = await SendAsync(client, rule, accept);
                    var expected = Expected(rule, caller, accept);
                    if (!expected.Matches(response))
                    {
                        failures.Add($"{rule.Method} {rule.Sample} as {caller} (Accept {accept}): expected {expected.Name}, got {Describe(response)}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_static_asset_is_served_to_a_signed_out_browser()
    {
        var assets = Endpoints().Where(IsStaticAsset).Select(PatternOf).Distinct().ToList();
        assets.Should().Contain(a => a.StartsWith("/_framework/blazor.web", StringComparison.Ordinal), "the sign-in page needs the Blazor script");
        var failures = new List<string>();
        foreach (var asset in assets)
        {
            using var response = await app.Callers[Caller.Anonymous].GetAsync(asset, Cancel);
            if (!OpenToAll.Matches(response))
            {
                failures.Add($"{asset}: {Describe(response)}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_session_that_must_change_its_password_downloads_nothing_whatever_it_accepts()
    {
        var client = app.Callers[Caller.MustChangePassword];
        var downloads = Rules.Where(r => r.Access == Access.Staff && DownloadPattern().IsMatch(r.Pattern)).ToList();
        downloads.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (var download in downloads)
        {
            foreach (var accept in new[] { "*/*", "text/csv", "text/plain", "application/octet-stream" })
            {
                using var response = await SendAsync(client, download, accept);
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{download.Sample} with Accept {accept}");
            }
        }
    }

    [Fact]
    public void The_READMEs_roles_table_says_what_the_rules_say()
    {
        var table = ReadmeTable();
        var failures = new List<string>();
        foreach (var (label, roles) in table)
        {
            var rules = Rules.Where(r => r.Readme is { } key && label.StartsWith(key, StringComparison.Ordinal)).ToList();
            if (rules.Count == 0)
            {
                failures.Add($"README row '{label}' names no route of the table");
            }

            failures.AddRange(rules.Where(r => !r.Roles.Order().SequenceEqual(roles.Order()))
                .Select(r => $"README row '{label}' gives [{string.Join(", ", roles)}], {r.Pattern} allows [{string.Join(", ", r.Roles)}]"));
        }

        failures.AddRange(Rules.Where(r => r.Readme is { } key && !table.Any(t => t.Label.StartsWith(key, StringComparison.Ordinal)))
            .Select(r => $"{r.Pattern} points at README row '{r.Readme}', which is missing"));
        failures.Should().BeEmpty();
    }

    /// <summary>The "Who sees what" table: each row's label and the roles with a mark (✓, or a word such as "read").</summary>
    private static List<(string Label, string[] Roles)> ReadmeTable()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Who sees what", StringComparison.Ordinal)..];
        var rows = section.Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        var header = Cells(rows[0]);
        header.Skip(1).Should().Equal(["Librarian", "Supervisor", "IT admin"], "the table's columns are the three roles");
        return rows.Skip(2).Select(Cells).Select(c => (c[0], new[] { L, S, It }.Where((_, i) => c[i + 1].Length > 0).ToArray())).ToList();

        static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
    }

    private sealed record Outcome(string Name, Func<HttpResponseMessage, bool> Matches);

    private static readonly Outcome Allowed = new("allowed", r =>
        r.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        && !(IsRedirect(r) && (RedirectsTo(r, "/Account/Login") || RedirectsTo(r, "/Account/ChangePassword"))));

    /// <summary>Open to everyone: never refused (a half-signed-in session may still be sent on to finish its sign-in).</summary>
    private static readonly Outcome OpenToAll = new("open", r =>
        r.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) && !(IsRedirect(r) && RedirectsTo(r, "/Account/Login")));

    /// <summary>Sent to sign in (the circuit's hub, which no browser navigates to, answers 401 instead).</summary>
    private static readonly Outcome ToSignIn = new("redirect to sign-in or 401", r =>
        (IsRedirect(r) && RedirectsTo(r, "/Account/Login")) || r.StatusCode == HttpStatusCode.Unauthorized);

    private static readonly Outcome Forbidden = new("403", r => r.StatusCode == HttpStatusCode.Forbidden);

    private static readonly Outcome ToChangePassword = new("redirect to change password", r => IsRedirect(r) && RedirectsTo(r, "/Account/ChangePassword"));

    /// <summary>Refused, or sent to the page that finishes the sign-in (the two-factor enrolment may redirect there).</summary>
    private static readonly Outcome RefusedUntilFinished = new("403 or a redirect to an /Account page", r =>
        r.StatusCode == HttpStatusCode.Forbidden || (IsRedirect(r) && RedirectsTo(r, "/Account/") && !RedirectsTo(r, "/Account/Login")));

    // Properties: Rules, initialised above them, reads them.
    /// <summary>A patron's file without the conversation's token: refused alike for everyone, signed in or not.</summary>
    private static Outcome PatronTokenRequired => new("403 without the patron's token", r => r.StatusCode == HttpStatusCode.Forbidden);

    private static Outcome CodeStepOrBackToSignIn => new("the code step, or back to sign-in", r =>
        r.StatusCode == HttpStatusCode.OK || (IsRedirect(r) && RedirectsTo(r, "/Account/Login")));

    private static Outcome Expected(Rule rule, string caller, string accept) => rule.ForEveryCaller ?? (rule.Access, caller) switch
    {
        (Access.Anonymous, _) => OpenToAll,
        (_, Caller.Anonymous) => ToSignIn,
        (Access.SignedInIncomplete, _) => Allowed,
        (Access.Staff, Caller.MustChangePassword) => accept == "text/html" && rule.Method == "GET" ? ToChangePassword : Forbidden,
        (Access.Staff, Caller.TwoFactorPending) => RefusedUntilFinished,
        (Access.Staff, _) => rule.Roles.Contains(caller) ? Allowed : Forbidden,
        _ => throw new InvalidOperationException($"no expectation for {rule.Access} and {caller}"),
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Rule rule, string accept)
    {
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), rule.Sample);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        if (rule.Method == "POST")
        {
            request.Content = new StringContent("");
        }

        return await client.SendAsync(request, Cancel);
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;

    private static bool RedirectsTo(HttpResponseMessage response, string path) =>
        SignIn.RedirectPath(response).StartsWith(path, StringComparison.OrdinalIgnoreCase);

    private static string Describe(HttpResponseMessage response) =>
        IsRedirect(response) ? $"{(int)response.StatusCode} to {SignIn.RedirectPath(response)}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\.(csv|txt)$")]
    private static partial Regex DownloadPattern();
}
