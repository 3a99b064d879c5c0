using System.Globalization;
using System.Security.Claims;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Widget;
using LibrarianDesk.Hosting;
using LibrarianDesk.Realtime;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LibrarianDesk.Features.Attachments;

/// <summary>
/// The HTTP side of files in a chat (docs/widget-api.md, "Files"): the patron's upload and download (anonymous, the
/// widget's CORS policy, the patron hub's address checks) and the librarians' (staff sign-in, antiforgery on the upload).
/// Thin: each reads the request and calls <see cref="ChatAttachments"/>.
/// </summary>
public static class AttachmentEndpoints
{
    public const string PatronUploadPath = "/widget/attachments";
    public const string PatronTokenHeader = "X-Patron-Token";

    /// <summary>A served file runs nothing and loads nothing, even opened on its own in a tab.</summary>
    public const string FileContentSecurityPolicy = "sandbox; default-src 'none'";

    public static WebApplicationBuilder AddAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>()
            .Bind(builder.Configuration.GetSection(AttachmentOptions.Section))
            .Validate(o => o.IsValid, $"{AttachmentOptions.Section}: MaxBytes must be between 1 and {AttachmentOptions.MaxConfigurableBytes}, PerConversationPerMinute at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ChatAttachments>();
        builder.Services.AddSingleton<UploadSlots>();
        return builder;
    }

    public static WebApplication MapAttachments(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<AttachmentOptions>>().Value;

        app.MapPost(PatronUploadPath, UploadFromPatronAsync)
            .RequireCors(WidgetEndpoints.CorsPolicy)
            .AllowAnonymous()
            .WithUploadLimits(limits);
        app.MapGet(PatronUploadPath + "/{attachmentId:guid}", DownloadForPatronAsync)
            .RequireCors(WidgetEndpoints.CorsPolicy)
            .AllowAnonymous();

        app.MapPost("/desk/conversations/{conversationId:guid}/attachments", UploadFromLibrarianAsync)
            .RequireStaff(DeskRoles.Librarian)
            .WithUploadLimits(limits);
        app.MapGet("/desk/attachments/{attachmentId:guid}", DownloadForStaffAsync)
            .RequireStaff(DeskRoles.Librarian, DeskRoles.Supervisor)
            .WithMetadata(new OwnContentSecurityPolicy(FileContentSecurityPolicy));
        return app;
    }

    /// <summary>The body may hold the largest file and the form around it; every other endpoint keeps the server's defaults.</summary>
    private static RouteHandlerBuilder WithUploadLimits(this RouteHandlerBuilder endpoint, AttachmentOptions limits) =>
        endpoint
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxRequestBytes)
            .DisableAntiforgery();

    private static async Task<IResult> UploadFromPatronAsync(
        HttpContext context, ChatAttachments attachments, UploadSlots slots, IAddressCounters counters, IOptions<PatronRateLimitOptions> rates,
        FloodGuard flood, IStringLocalizer<DeskStrings> localizer)
    {
        var address = context.GetClientAddress();
        return await RefusedAsync(context, localizer, async () =>
        {
            await TakeCallAsync(context, counters, rates);
            using var upload = await ReadUploadAsync(context, attachments, slots);
            if (upload.Form["language"].ToString() is { Length: > 0 } language)
            {
                context.Items[PatronLanguageItem] = PatronLanguage.Normalize(language);
            }

            if (!Guid.TryParse(upload.Form["conversationId"], out var conversationId))
            {
                throw PatronRequestException.NotYours();
            }

            var sent = await attachments.SendFromPatronAsync(
                conversationId, upload.Form["patronToken"], upload.Form["clientMessageId"], upload.FileName, upload.Content);

            // Counted like a message: a flood of files blocks the address as a flood of messages does.
            if (!sent.IsResend && await flood.MessageStoredAsync(address, conversationId, sent.Message.Text))
            {
                throw new PatronRequestException(PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
            }

            return Results.Json(sent.Acknowledgement);
        });
    }

    private static async Task<IResult> UploadFromLibrarianAsync(
        Guid conversationId, HttpContext context, IAntiforgery antiforgery, ChatAttachments attachments, UploadSlots slots,
        IStringLocalizer<DeskStrings> localizer)
    {
        return await RefusedAsync(context, localizer, async () =>
        {
            // The header only: a token looked for in the form would read the whole upload first.
            if (!context.Request.Headers.ContainsKey("RequestVerificationToken") || !await antiforgery.IsRequestValidAsync(context))
            {
                throw PatronRequestException.Invalid("Patron_Error_Invalid");
            }

            using var upload = await ReadUploadAsync(context, attachments, slots);
            var sent = await attachments.SendFromLibrarianAsync(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier)!, conversationId, upload.Form["clientMessageId"], upload.FileName, upload.Content);
            return Results.Json(sent.Acknowledgement);
        });
    }

    private static async Task<IResult> DownloadForPatronAsync(
        Guid attachmentId, HttpContext context, ChatAttachments attachments, IAddressCounters counters, IOptions<PatronRateLimitOptions> rates,
        IStringLocalizer<DeskStrings> localizer) =>
        await RefusedAsync(context, localizer, async () =>
        {
            // Each download reads a whole file: it takes from the address's allowance like every other patron call.
            await TakeCallAsync(context, counters, rates);
            return FileResult(context, await attachments.ForPatronAsync(attachmentId, context.Request.Headers[PatronTokenHeader]), forceDownload: false);
        });

    private static async Task TakeCallAsync(HttpContext context, IAddressCounters counters, IOptions<PatronRateLimitOptions> rates)
    {
        if (await counters.TakeCallAsync(context.GetClientAddress()?.ToString() ?? "unknown", rates.Value.PerAddress) is { } wait)
        {
            throw new PatronRequestException(
                PatronHubContract.ErrorCodes.RateLimited, "Patron_Error_RateLimited", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
        }
    }

    private static async Task<IResult> DownloadForStaffAsync(
        Guid attachmentId, bool? download, HttpContext context, ChatAttachments attachments, IStringLocalizer<DeskStrings> localizer) =>
        await RefusedAsync(context, localizer, async () =>
            FileResult(context, await attachments.ForStaffAsync(attachmentId), forceDownload: download == true));

    private static IResult FileResult(HttpContext context, AttachmentDownload file, bool forceDownload)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = FileContentSecurityPolicy;
        var disposition = new ContentDispositionHeaderValue(file.IsImage && !forceDownload ? "inline" : "attachment");

        // filename* (RFC 6266) carries the name as it is; filename a plain-ASCII stand-in for old clients.
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    /// <summary>An upload read into memory, holding one of the server's upload slots until it is disposed.</summary>
    private sealed record Upload(IFormCollection Form, string FileName, byte[] Content, IDisposable Slot) : IDisposable
    {
        public void Dispose() => Slot.Dispose();
    }

    /// <summary>
    /// The form, with its one file read into memory: never more than the limit (the form itself keeps a large file in a
    /// temporary file while it arrives, not in memory, and the body's limit stops a longer one). The slot is taken only
    /// once the body is in: a slow sender holds a temporary file, not one of the slots that bound the memory.
    /// </summary>
    private static async Task<Upload> ReadUploadAsync(HttpContext context, ChatAttachments attachments, UploadSlots slots)
    {
        if (!context.Request.HasFormContentType)
        {
            throw PatronRequestException.Invalid("Patron_Error_Invalid");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException tooLong) when (tooLong.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw attachments.TooLarge();
        }
        catch (InvalidDataException malformed) when (malformed.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw attachments.TooLarge();
        }
        catch (InvalidDataException)
        {
            throw PatronRequestException.Invalid("Patron_Error_Invalid");
        }

        if (form.Files is not [{ Name: "file" } file])
        {
            throw PatronRequestException.Invalid("Attachment_Error_OneFile");
        }

        if (file.Length > attachments.MaxBytes)
        {
            throw attachments.TooLarge();
        }

        var slot = slots.TryTake() ?? throw Unavailable();
        try
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, context.RequestAborted);
            }

            return new Upload(form, file.FileName, content, slot);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    private static PatronRequestException Unavailable() => new(PatronHubContract.ErrorCodes.Unavailable, "Patron_Error_Unavailable");

    /// <summary>Every refusal as the API's <c>{ code, message }</c> with its status; the sentence in the caller's language.</summary>
    private static async Task<IResult> RefusedAsync(HttpContext context, IStringLocalizer<DeskStrings> localizer, Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (PatronRequestException refused)
        {
            return Error(context, localizer, refused.Code, refused.MessageKey, refused.Arguments);
        }
        catch (ConversationTakenException)
        {
            return Error(context, localizer, NotOwner, "Attachment_Error_NotOwner", []);
        }
        catch (Exception failure) when (StorageFailure.IsTransient(failure))
        {
            // Nothing was stored: the same upload may be sent again with the same client message id.
            return Error(context, localizer, PatronHubContract.ErrorCodes.Unavailable, "Patron_Error_Unavailable", []);
        }
    }

    /// <summary>The patron's language from the upload's form; until it is read, the request's (its Accept-Language).</summary>
    private const string PatronLanguageItem = "attachments.patron-language";

    /// <summary>The staff upload's refusal when the librarian does not serve the conversation (taken by another, waiting, or ended).</summary>
    public const string NotOwner = "not_owner";

    private static IResult Error(HttpContext context, IStringLocalizer<DeskStrings> localizer, string code, string messageKey, IReadOnlyList<object> arguments)
    {
        if (context.Items[PatronLanguageItem] is string language)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        }

        var message = localizer[messageKey, [.. arguments]].Value;
        if (code == PatronHubContract.ErrorCodes.RateLimited && arguments.Count > 0 && arguments[^1] is int seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(new AttachmentError(code, message), statusCode: code switch
        {
            PatronHubContract.ErrorCodes.Validation => StatusCodes.Status400BadRequest,
            PatronHubContract.ErrorCodes.Forbidden or PatronHubContract.ErrorCodes.Blocked => StatusCodes.Status403Forbidden,
            PatronHubContract.ErrorCodes.NotFound => StatusCodes.Status404NotFound,
            PatronHubContract.ErrorCodes.Closed or NotOwner => StatusCodes.Status409Conflict,
            PatronHubContract.ErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
            PatronHubContract.ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        });
    }

    private sealed record AttachmentError(string Code, string Message);
}
