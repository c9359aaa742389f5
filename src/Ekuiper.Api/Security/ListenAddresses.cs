using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Ekuiper.Api.Security;

/// <summary>
/// Where the server listens. Unless told otherwise (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, the <c>Urls</c> setting,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or <c>Kestrel:Endpoints</c>) on <see cref="DefaultUrl"/>: this
/// machine only, eKuiper's REST port. Told to listen where other machines reach it while authentication is off, the
/// server says so in a warning once it listens.
/// </summary>
public static class ListenAddresses
{
    public const string DefaultUrl = "http://127.0.0.1:9081";

    public static bool AreConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static WebApplicationBuilder ListenOnLoopbackByDefault(this WebApplicationBuilder builder)
    {
        if (!AreConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        return builder;
    }

    /// <summary>Whether an address Kestrel reports (e.g. <c>http://[::]:9081</c>) is reachable from this machine only.</summary>
    public static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public static void WarnWhenReachableWithoutAuthentication(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var open = addresses.Where(a => !IsLoopback(a)).ToList();
            if (open.Count > 0)
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ListenAddresses)).LogWarning(
                    "Listening on {Addresses}, which other machines can reach, with authentication off: anyone who reaches " +
                    "the port can read and change the whole configuration. Turn on Ekuiper:Authentication:Enabled " +
                    "(docs/operations.md) or listen on {DefaultUrl} only",
                    string.Join(", ", open), DefaultUrl);
            }
        });
}
