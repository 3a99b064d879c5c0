using LibrarianDesk.Hosting;
using Microsoft.Extensions.Configuration;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>Where the desk listens and where it finds its files, as a container or a systemd unit sets them.</summary>
public sealed class ListeningAddressTests
{
    /// <summary>The shipped <c>appsettings.json</c> (copied beside these binaries) above what the environment said, as the host orders them.</summary>
    private static IConfiguration ShippedConfigurationWith(Dictionary<string, string?> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080")]
    public void An_address_named_in_the_environment_is_obeyed_and_gets_no_default(string key, string value)
    {
        // ASPNETCORE_URLS arrives as "urls", ASPNETCORE_HTTP_PORTS as "http_ports" (the ASPNETCORE_ prefix is dropped).
        var configuration = ShippedConfigurationWith(new() { [key] = value });

        configuration[key].Should().Be(value, "appsettings.json must not override it");
        DefaultUrls.DefaultFor(configuration).Should().BeNull();
    }

    [Fact]
    public void With_no_address_anywhere_the_desk_listens_on_localhost_5080()
    {
        DefaultUrls.DefaultFor(ShippedConfigurationWith([])).Should().Be("http://localhost:5080");
    }

    [Fact]
    public void The_content_root_is_the_apps_own_folder_unless_the_command_line_names_one()
    {
        AppContentRoot.For([]).Should().Be(AppContext.BaseDirectory);
        AppContentRoot.For(["--Desk:DataDirectory=/tmp/x"]).Should().Be(AppContext.BaseDirectory);
        AppContentRoot.For(["--contentRoot=/srv/desk"]).Should().BeNull("the host uses the one named");
        AppContentRoot.For(["--contentRoot", "/srv/desk"]).Should().BeNull();
    }
}
