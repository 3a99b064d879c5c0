namespace LibrarianDesk.Hosting;

/// <summary>
/// Where the desk listens when nobody said: <c>http://localhost:5080</c>. Anything the standard ways say
/// wins (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> / <c>HTTPS_PORTS</c>, a <c>Urls</c>
/// key, <c>Kestrel:Endpoints</c>), so a container or a systemd unit is obeyed. A <c>Urls</c> key in
/// <c>appsettings.json</c> would outrank the environment variables, which is why the default lives here.
/// </summary>
public static class DefaultUrls
{
    public const string Default = "http://localhost:5080";

    /// <summary>The address to listen on when <paramref name="configuration"/> names none, else null.</summary>
    public static string? DefaultFor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        return named ? null : Default;
    }

    public static WebApplicationBuilder UseDefaultUrlsUnlessConfigured(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (DefaultFor(builder.Configuration) is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder;
    }
}
