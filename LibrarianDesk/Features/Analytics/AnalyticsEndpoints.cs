using System.Globalization;
using System.Text;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Analytics;

/// <summary>
/// <c>GET /analytics/{part}.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;librarian=&amp;questionType=&amp;membership=&amp;basis=]</c>:
/// one chart or table of the analytics page, for the same period and filters (Supervisor).
/// </summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/analytics/{part}.csv", async (string part, HttpContext context, AnalyticsService analytics, CancellationToken cancellationToken) =>
            {
                if (!AnalyticsCsv.Parts.Contains(part))
                {
                    return Results.NotFound();
                }

                if (!TryParse(context.Request.Query, out var query))
                {
                    return Results.BadRequest("from and to must be dates written yyyy-MM-dd, from not after to; membership All, Members or NonMembers; basis WallClock or ServiceHours.");
                }

                var report = await analytics.GetReportAsync(query, cancellationToken);
                var fileName = string.Create(CultureInfo.InvariantCulture, $"analytics-{part}-{query.From:yyyy-MM-dd}-{query.To:yyyy-MM-dd}.csv");
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AnalyticsCsv.Write(report, part))).ToArray(), "text/csv; charset=utf-8", fileName);
            })
            .RequireStaff(DeskRoles.Supervisor);
        return endpoints;
    }

    /// <summary>The export address of <paramref name="part"/> for <paramref name="query"/>, relative to the desk's base.</summary>
    public static string Url(string part, AnalyticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"analytics/{part}.csv?from={query.From:yyyy-MM-dd}&to={query.To:yyyy-MM-dd}"));
        if (query.LibrarianId is { } librarian)
        {
            url.Append("&librarian=").Append(Uri.EscapeDataString(librarian));
        }

        if (query.QuestionTypeId is { } questionType)
        {
            url.Append(CultureInfo.InvariantCulture, $"&questionType={questionType}");
        }

        url.Append(CultureInfo.InvariantCulture, $"&membership={query.Membership}&basis={query.Basis}");
        return url.ToString();
    }

    private static bool TryParse(IQueryCollection values, out AnalyticsQuery query)
    {
        query = default!;
        if (!DateOnly.TryParseExact(values["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(values["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || to < from)
        {
            return false;
        }

        int? questionType = null;
        if (values["questionType"] is { Count: > 0 } typeText && !string.IsNullOrEmpty(typeText))
        {
            if (!int.TryParse(typeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }

            questionType = id;
        }

        var membership = MembershipFilter.All;
        var basis = TimeBasis.WallClock;
        if ((values["membership"] is { Count: > 0 } m && !Enum.TryParse(m, out membership))
            || (values["basis"] is { Count: > 0 } b && !Enum.TryParse(b, out basis))
            || !Enum.IsDefined(membership) || !Enum.IsDefined(basis))
        {
            return false;
        }

        var librarian = values["librarian"].ToString();
        query = new AnalyticsQuery(from, to, string.IsNullOrEmpty(librarian) ? null : librarian, questionType, membership, basis);
        return true;
    }
}
