using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Deployment;

/// <summary>
/// The nginx site that docs/deployment.md tells a library to install is one nginx accepts: <c>nginx -t</c> on the file
/// as written, with only its certificate and log paths pointed into a temporary folder. Where nginx is missing the test
/// is skipped with the command that installs it, except under CI (<see cref="Chromium.IsCi"/>), where that is a failure.
/// </summary>
public sealed class NginxSiteTests : IDisposable
{
    private const string CertificateFolder = "/etc/letsencrypt/live/desk.example.org/";
    private const string LogFolder = "/var/log/nginx/";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly string folder = Directory.CreateTempSubdirectory("librariandesk-nginx-").FullName;

    [Fact]
    public async Task Nginx_accepts_the_documented_site()
    {
        var nginx = FindNginx();
        var site = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "deployment", "nginx-librariandesk.conf"), TestContext.Current.CancellationToken);
        site.Should().Contain(CertificateFolder).And.Contain(LogFolder, "the test replaces exactly these paths");

        WriteCertificate();
        Directory.CreateDirectory(Path.Combine(folder, "temp"));
        await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"),
            site.Replace(CertificateFolder, folder + "/", StringComparison.Ordinal).Replace(LogFolder, folder + "/", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        // What Debian's nginx.conf gives a site: an http block to sit in. Everything nginx writes stays in the folder.
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), """
            pid nginx.pid;
            events {}
            http {
                access_log off;
                client_body_temp_path temp/body;
                proxy_temp_path temp/proxy;
                fastcgi_temp_path temp/fastcgi;
                uwsgi_temp_path temp/uwsgi;
                scgi_temp_path temp/scgi;
                include site.conf;
            }
            """, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(nginx) { WorkingDirectory = folder };
        foreach (var argument in new[] { "-t", "-e", "stderr", "-p", folder + "/", "-c", Path.Combine(folder, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, Patience, TestContext.Current.CancellationToken);

        exitCode.Should().Be(0, $"nginx -t accepts docs/deployment/nginx-librariandesk.conf; it said:\n{output}{errors}");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string FindNginx()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "nginx"))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        const string install = "install it with `sudo apt-get install -y nginx`";
        if (Chromium.IsCi)
        {
            throw new InvalidOperationException($"nginx is required under CI to check docs/deployment's nginx site, but it is not on PATH or in /usr/sbin ({install}).");
        }

        Assert.Skip($"nginx not found on PATH or in /usr/sbin: {install} to check docs/deployment's nginx site.");
        throw new UnreachableException("Assert.Skip ends the test.");
    }

    /// <summary>The site names a certificate and its key; nginx -t loads both.</summary>
    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=desk.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "fullchain.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
    }
}
