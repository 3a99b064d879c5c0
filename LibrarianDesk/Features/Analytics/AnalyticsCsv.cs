using System.Globalization;
using CsvHelper;
using LibrarianDesk.Data;

namespace LibrarianDesk.Features.Analytics;

/// <summary>
/// Each chart and table of the analytics page as a CSV file: invariant numbers (a dot for decimals,
/// seconds for times), ISO dates, WIB days and hours, so a spreadsheet reads it in any language.
/// </summary>
public static class AnalyticsCsv
{
    public static IReadOnlyList<string> Parts { get; } =
        ["kpis", "days", "heat-map", "question-types", "read-scale", "wait-times", "ratings", "librarians"];

    public static string Write(AnalyticsReport report, string part)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvFiles.Writer(text);
        switch (part)
        {
            case "kpis":
                Row(csv, "metric", "current", "previous");
                foreach (var (name, current, previous) in Kpis(report.Current, report.Previous))
                {
                    Row(csv, name, current, previous);
                }

                break;
            case "days":
                Row(csv, "day_wib", "conversations", "answered", "missed");
                foreach (var day in report.Days)
                {
                    Row(csv, day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Conversations, day.Answered, day.Missed);
                }

                break;
            case "heat-map":
                Row(csv, "weekday_wib", "hour_wib", "conversations");
                foreach (var cell in report.HeatMap)
                {
                    Row(csv, cell.Day.ToString(), cell.Hour, cell.Conversations);
                }

                break;
            case "question-types":
                Row(csv, "question_type_id", "name_id", "name_en", "conversations");
                foreach (var type in report.QuestionTypes)
                {
                    Row(csv, type.QuestionTypeId, type.NameId, type.NameEn, type.Conversations);
                }

                break;
            case "read-scale":
                Distribution(csv, "read_level", report.ReadScale, v => v.ToString(CultureInfo.InvariantCulture));
                break;
            case "wait-times":
                Distribution(csv, "wait_bucket", report.WaitBuckets, WaitBucketName);
                break;
            case "ratings":
                Distribution(csv, "rating", report.Ratings, v => v.ToString(CultureInfo.InvariantCulture));
                break;
            case "librarians":
                Row(csv, "librarian", "conversations", "answered", "median_first_response_seconds", "median_duration_seconds",
                    "average_rating", "ratings", "hours_online");
                foreach (var l in report.Librarians)
                {
                    Row(csv, l.DisplayName, l.Conversations, l.Answered, l.MedianFirstResponseSeconds, l.MedianDurationSeconds,
                        l.AverageRating, l.Ratings, Math.Round(l.OnlineSeconds / 3600, 2));
                }

                break;
            default:
                throw new ArgumentException($"No analytics part '{part}'.", nameof(part));
        }

        return text.ToString();
    }

    /// <summary>"lt_30s", "30s_1m", "1m_3m", "3m_10m", "gt_10m".</summary>
    public static string WaitBucketName(int index) => index switch
    {
        0 => "lt_30s",
        1 => "30s_1m",
        2 => "1m_3m",
        3 => "3m_10m",
        _ => "gt_10m",
    };

    private static IEnumerable<(string Name, object? Current, object? Previous)> Kpis(KpiSet current, KpiSet previous)
    {
        yield return ("conversations", current.Conversations, previous.Conversations);
        yield return ("answered", current.Answered, previous.Answered);
        yield return ("missed", current.Missed, previous.Missed);
        yield return ("missed_share", current.MissedShare, previous.MissedShare);
        yield return ("unclassified", current.Unclassified, previous.Unclassified);
        yield return ("offline_messages", current.OfflineMessages, previous.OfflineMessages);
        yield return ("median_wait_seconds", current.MedianWaitSeconds, previous.MedianWaitSeconds);
        yield return ("p90_wait_seconds", current.P90WaitSeconds, previous.P90WaitSeconds);
        yield return ("median_first_response_seconds", current.MedianFirstResponseSeconds, previous.MedianFirstResponseSeconds);
        yield return ("median_duration_seconds", current.MedianDurationSeconds, previous.MedianDurationSeconds);
        yield return ("average_rating", current.AverageRating, previous.AverageRating);
        yield return ("ratings", current.Ratings, previous.Ratings);
        yield return ("verified_member_share", current.VerifiedMemberShare, previous.VerifiedMemberShare);
    }

    private static void Distribution(CsvWriter csv, string valueColumn, IEnumerable<ValueCount> values, Func<int, string> name)
    {
        Row(csv, valueColumn, "conversations");
        foreach (var value in values)
        {
            Row(csv, name(value.Value), value.Count);
        }
    }

    private static void Row(CsvWriter csv, params object?[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field switch
            {
                null => "",
                double d => Math.Round(d, 3).ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => field.ToString(),
            });
        }

        csv.NextRecord();
    }
}
