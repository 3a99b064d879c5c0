using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// Sits between a page's widget and the patron hub: records what the widget calls (every method, or the
/// <c>clientMessageId</c> of every <c>SendMessage</c>) and may rewrite a <c>SendMessage</c> frame on the way to the desk.
/// </summary>
public static partial class PatronSocketTap
{
    /// <summary>The ids in the order the widget sent them (a resend shows up again).</summary>
    public static async Task<ConcurrentQueue<string>> RecordSendsAsync(IPage page, Func<string, string>? rewriteSend = null)
    {
        var clientMessageIds = new ConcurrentQueue<string>();
        await TapAsync(page, text =>
        {
            if (!text.Contains("\"target\":\"SendMessage\"", StringComparison.Ordinal))
            {
                return text;
            }

            clientMessageIds.Enqueue(ClientMessageId().Match(text).Groups[1].Value);
            return rewriteSend?.Invoke(text) ?? text;
        });
        return clientMessageIds;
    }

    /// <summary>The hub methods the widget invokes, in order (<c>Hello</c>, <c>Typing</c>, <c>SendMessage</c>…).</summary>
    public static async Task<ConcurrentQueue<string>> RecordCallsAsync(IPage page)
    {
        var targets = new ConcurrentQueue<string>();
        await TapAsync(page, text =>
        {
            foreach (Match call in Target().Matches(text))
            {
                targets.Enqueue(call.Groups[1].Value);
            }

            return text;
        });
        return targets;
    }

    private static Task TapAsync(IPage page, Func<string, string> onText)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.RouteWebSocketAsync(HubPath(), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (frame.Text is { } text)
                {
                    server.Send(onText(text));
                }
                else
                {
                    server.Send(frame.Binary!);
                }
            });
        });
    }

    [GeneratedRegex("/hubs/patron")]
    private static partial Regex HubPath();

    [GeneratedRegex("\"clientMessageId\":\"([^\"]+)\"")]
    private static partial Regex ClientMessageId();

    [GeneratedRegex("\"target\":\"([^\"]+)\"")]
    private static partial Regex Target();
}
