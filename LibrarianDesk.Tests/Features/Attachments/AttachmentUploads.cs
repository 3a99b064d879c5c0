using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Attachments;

/// <summary>The widget's and the desk's file requests as a client sends them, over real HTTP.</summary>
public static class AttachmentUploads
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static MultipartFormDataContent PatronForm(
        Guid conversationId, string patronToken, string clientMessageId, string fileName, byte[] content, string? language = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(conversationId.ToString()), "conversationId" },
            { new StringContent(patronToken), "patronToken" },
            { new StringContent(clientMessageId), "clientMessageId" },
        };
        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        form.Add(FilePart(content), "file", fileName);
        return form;
    }

    public static ByteArrayContent FilePart(byte[] content)
    {
        var file = new ByteArrayContent(content);

        // What a browser says is not what the desk goes by: always the same here.
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return file;
    }

    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, StartConversationResponse conversation, string fileName, byte[] content, string? clientMessageId = null,
        string? language = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentEndpoints.PatronUploadPath)
        {
            Content = PatronForm(conversation.ConversationId, conversation.PatronToken, clientMessageId ?? PatronClient.NewMessageId(), fileName, content, language),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, Cancel);
    }

    public static async Task<HttpResponseMessage> DownloadAsync(HttpClient client, Guid attachmentId, string? patronToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{AttachmentEndpoints.PatronUploadPath}/{attachmentId}");
        if (patronToken is not null)
        {
            request.Headers.Add(AttachmentEndpoints.PatronTokenHeader, patronToken);
        }

        return await client.SendAsync(request, Cancel);
    }

    public static async Task<AttachmentAcknowledgement> AcknowledgementAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        response.IsSuccessStatusCode.Should().BeTrue($"the upload should be accepted, got {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<AttachmentAcknowledgement>(body, JsonSerializerOptions.Web)!;
    }

    public static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }
}
