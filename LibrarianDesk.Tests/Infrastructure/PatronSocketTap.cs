using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// Sits between a page's widget and the patron hub: records the <c>clientMessageId</c> of every
/// <c>SendMessage</c> the widget makes and may rewrite its frame on the way to the desk.
/// </summary>
public static partial class PatronSocketTap
{
    /// <summary>The ids in the order the widget sent them (a resend shows up again).</summary>
    public static async Task<ConcurrentQueue<string>> RecordSendsAsync(IPage page, Func<string, string>? rewriteSend = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clientMessageIds = new ConcurrentQueue<string>();
        await page.RouteWebSocketAsync(HubPath(), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (frame.Text is not { } text)
                {
                    server.Send(frame.Binary!);
                    return;
                }

                if (text.Contains("\"target\":\"SendMessage\"", StringComparison.Ordinal))
                {
                    clientMessageIds.Enqueue(ClientMessageId().Match(text).Groups[1].Value);
                    text = rewriteSend?.Invoke(text) ?? text;
                }

                server.Send(text);
            });
        });
        return clientMessageIds;
    }

    [GeneratedRegex("/hubs/patron")]
    private static partial Regex HubPath();

    [GeneratedRegex("\"clientMessageId\":\"([^\"]+)\"")]
    private static partial Regex ClientMessageId();
}
