using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ekuiper.Api.Errors;
using Ekuiper.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// eKuiper's JWT authentication (Ekuiper:Authentication:Enabled): RS256 tokens whose iss names a public key file in
/// &lt;data&gt;/mgmt and whose aud holds eKuiper. Every endpoint of the route table is tried, so a new controller is
/// covered without being listed here.
/// </summary>
public sealed class AuthenticationTests
{
    private const string KeyFile = "test_key.pub";

    private RSA _key = null!;
    private RSA _otherKey = null!;
    private EkuiperApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _key = RSA.Create(2048);
        _otherKey = RSA.Create(2048);
        _factory = new EkuiperApiFactory(
            settings: new Dictionary<string, string?> { ["Ekuiper:Authentication:Enabled"] = "true" },
            services: services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Loopback)));
        WritePublicKey(KeyFile, _key);
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _client.Dispose();
        _factory.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private string KeyDirectory => Path.Combine(_factory.DataDirectory, "mgmt");

    /// <summary>The public key in PEM (PKIX "PUBLIC KEY", what openssl rsa -pubout writes) under the given file name.</summary>
    private void WritePublicKey(string name, RSA key)
    {
        Directory.CreateDirectory(KeyDirectory);
        File.WriteAllText(Path.Combine(KeyDirectory, name), key.ExportSubjectPublicKeyInfoPem());
    }

    private static string Token(RSA key, string? issuer = KeyFile, object? audience = null, DateTime? expires = null,
        DateTime? notBefore = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var claims = new Dictionary<string, object> { ["aud"] = audience ?? ManagementAuthentication.Audience };
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            NotBefore = notBefore,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string Unsigned(string payload) =>
        Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(payload) + ".";

    /// <summary>Every token that must be refused, with the message eKuiper answers it with.</summary>
    private Dictionary<string, (string? Token, string Message)> BadTokens()
    {
        var now = DateTime.UtcNow;
        // HS256 with the public key's PEM as the secret: the old confusion of a verifier that trusts the token's alg.
        var hmacKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_key.ExportSubjectPublicKeyInfoPem()));
        var confused = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = KeyFile, ["aud"] = "eKuiper" },
            SigningCredentials = new SigningCredentials(hmacKey, SecurityAlgorithms.HmacSha256),
        });
        const string Validate = "validate token error: ";
        return new()
        {
            ["missing"] = (null, "missing_token"),
            ["unsigned (alg none)"] = (Unsigned($$"""{"iss":"{{KeyFile}}","aud":"eKuiper"}"""),
                Validate + "token signature is invalid: 'none' signature type is not allowed"),
            ["expired"] = (Token(_key, expires: now.AddMinutes(-1), notBefore: now.AddHours(-1)),
                Validate + "token has invalid claims: token is expired"),
            ["not yet valid"] = (Token(_key, notBefore: now.AddMinutes(5), expires: now.AddHours(1)),
                Validate + "token has invalid claims: token is not valid yet"),
            ["wrong audience"] = (Token(_key, audience: new[] { "neuron", "EKUIPER" }),
                "audience field should contain eKuiper, but got [neuron EKUIPER]"),
            ["wrong key"] = (Token(_otherKey), Validate + "token signature is invalid: crypto/rsa: verification error"),
            ["unknown iss"] = (Token(_key, issuer: "nobody.pub"),
                Validate + "token is unverifiable: error while executing keyfunc: not found target key file nobody.pub in the key folder"),
            ["iss a path"] = (Token(_key, issuer: "../mgmt/" + KeyFile),
                Validate + $"token is unverifiable: error while executing keyfunc: not found target key file ../mgmt/{KeyFile} in the key folder"),
            ["no iss"] = (Token(_key, issuer: null),
                Validate + "token is unverifiable: error while executing keyfunc: issuer field not exist in jwt payload"),
            ["RS384"] = (Token(_key, algorithm: SecurityAlgorithms.RsaSha384),
                Validate + "token signature is invalid: signing method RS384 is invalid; use RS256"),
            ["HS256 with the public key"] = (confused,
                Validate + "token signature is invalid: signing method HS256 is invalid; use RS256"),
            ["garbage"] = ("not-a-token", Validate + "token is malformed: token contains an invalid number of segments"),
            ["three garbage parts"] = ("a.b.c", Validate + "token is malformed: could not base64 or JSON decode its header or claims"),
        };
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return request;
    }

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? authorization)
    {
        using var response = await _client.SendAsync(Request(method, path, authorization));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every route of the app, with its methods and a path that matches it (parameters filled in).</summary>
    private IEnumerable<(HttpMethod Method, string Path, bool Anonymous)> Routes()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(50), "the route table was not read");
        foreach (var endpoint in endpoints)
        {
            var template = endpoint.RoutePattern.RawText ?? string.Empty;
            var path = "/" + Regex.Replace(template.TrimStart('/'), @"\{[^}]+\}", "x");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods)
            {
                yield return (new HttpMethod(method), path, anonymous);
            }
        }
    }

    [Test]
    public void Only_ping_the_server_info_and_the_probes_are_open_besides_the_reference_pages_scripts()
    {
        var open = Routes().Where(r => r.Anonymous)
            .Where(r => !(r.Path.StartsWith("/scalar/", StringComparison.Ordinal) && Path.GetExtension(r.Path) is ".js" or ".svg" or ".css"))
            .Select(r => $"{r.Method} {r.Path}").ToList();

        // As in eKuiper (/ping, /), plus the health probes, which carry no token and tell nothing stored.
        Assert.That(open, Is.EquivalentTo(new[] { "GET /ping", "GET /", "POST /", "GET /healthz", "GET /readyz" }));
    }

    [Test]
    public async Task Every_endpoint_refuses_every_bad_token_with_401_in_eKuipers_shape()
    {
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var (method, path, anonymous) in Routes().Where(r => !r.Anonymous))
        {
            checkedRoutes++;
            foreach (var (name, (token, message)) in BadTokens())
            {
                var (status, body) = await SendAsync(method, path, token);
                var expected = EkuiperExceptionHandler.Text(EkuiperExceptionHandler.For(401, message));
                if (status != 401 || body != expected)
                {
                    failures.Add($"{method} {path} with {name}: {status} {body}");
                }
            }
        }

        Assert.That(checkedRoutes, Is.GreaterThan(50));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Every_bad_token_is_refused_as_Bearer_too()
    {
        foreach (var (name, (token, message)) in BadTokens().Where(t => t.Value.Token is not null))
        {
            var (status, body) = await SendAsync(HttpMethod.Get, "/rules", "Bearer " + token);

            Assert.That(status, Is.EqualTo(401), name);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), Is.EqualTo(message), name);
        }
    }

    [TestCase("/streams")]
    [TestCase("/rules")]
    [TestCase("/data/export")]
    [TestCase("/metadata/sources/yaml/mqtt")]
    [TestCase("/plugins/functions")]
    [TestCase("/config/uploads")]
    [TestCase("/data/backups")]
    public async Task A_token_signed_by_the_key_its_iss_names_passes(string path)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Get, path, Token(_key)));

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_good_token_passes_raw_and_as_Bearer_and_for_writes_and_imports()
    {
        var token = Token(_key);

        var (raw, _) = await SendAsync(HttpMethod.Get, "/streams", token);
        var (bearer, _) = await SendAsync(HttpMethod.Get, "/streams", "Bearer " + token);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/streams")
        {
            Content = new StringContent("""{"sql":"CREATE STREAM demo () WITH (DATASOURCE=\"demo\", FORMAT=\"JSON\")"}"""),
        };
        create.Headers.TryAddWithoutValidation("Authorization", token);
        using var created = await _client.SendAsync(create);
        using var import = new HttpRequestMessage(HttpMethod.Post, "/async/data/import")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { content = EkuiperClient.SeedExampleWithoutPlugins })),
        };
        import.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var imported = await _client.SendAsync(import);

        Assert.That(raw, Is.EqualTo(200));
        Assert.That(bearer, Is.EqualTo(200));
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        Assert.That((int)imported.StatusCode, Is.EqualTo(200), await imported.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_iss_is_the_key_file_name_compared_without_case_and_exp_is_optional_as_in_eKuiper()
    {
        var (upper, _) = await SendAsync(HttpMethod.Get, "/rules", Token(_key, issuer: KeyFile.ToUpperInvariant()));
        var noExpiry = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = KeyFile, ["aud"] = "eKuiper" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key), SecurityAlgorithms.RsaSha256),
        });
        var (withoutExp, _) = await SendAsync(HttpMethod.Get, "/rules", noExpiry);
        var (withoutSuffix, _) = await SendAsync(HttpMethod.Get, "/rules", Token(_key, issuer: "test_key"));

        Assert.That(upper, Is.EqualTo(200));
        Assert.That(withoutExp, Is.EqualTo(200));
        Assert.That(withoutSuffix, Is.EqualTo(401), "eKuiper adds no suffix: iss is the whole file name");
    }

    [Test]
    public async Task Ping_and_the_server_info_answer_without_a_token()
    {
        var (ping, _) = await SendAsync(HttpMethod.Get, "/ping", null);
        var (info, _) = await SendAsync(HttpMethod.Get, "/", null);

        Assert.That(ping, Is.EqualTo(200));
        Assert.That(info, Is.EqualTo(200));
    }

    [Test]
    public async Task A_path_no_route_serves_asks_for_a_token_too()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/no/such/path", null);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body, Is.EqualTo("{\"error\":1000,\"message\":\"missing_token\"}\n"));
    }

    [Test]
    public async Task A_replaced_key_file_is_read_again_and_a_new_one_counts_at_once()
    {
        using var next = RSA.Create(2048);
        WritePublicKey("rotating.pub", _key);
        var (before, _) = await SendAsync(HttpMethod.Get, "/streams", Token(_key, issuer: "rotating.pub"));

        WritePublicKey("rotating.pub", next);
        File.SetLastWriteTimeUtc(Path.Combine(KeyDirectory, "rotating.pub"), DateTime.UtcNow.AddSeconds(1));
        var (oldKey, _) = await SendAsync(HttpMethod.Get, "/streams", Token(_key, issuer: "rotating.pub"));
        var (newKey, _) = await SendAsync(HttpMethod.Get, "/streams", Token(next, issuer: "rotating.pub"));

        File.Delete(Path.Combine(KeyDirectory, "rotating.pub"));
        var (removed, _) = await SendAsync(HttpMethod.Get, "/streams", Token(next, issuer: "rotating.pub"));

        Assert.That(before, Is.EqualTo(200));
        Assert.That(oldKey, Is.EqualTo(401));
        Assert.That(newKey, Is.EqualTo(200));
        Assert.That(removed, Is.EqualTo(401));
    }

    [Test]
    public async Task A_key_file_that_is_not_a_public_key_refuses_its_tokens()
    {
        File.WriteAllText(Path.Combine(KeyDirectory, "private.pem"), _key.ExportPkcs8PrivateKeyPem());

        var (status, body) = await SendAsync(HttpMethod.Get, "/streams", Token(_key, issuer: "private.pem"));

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body, Does.Contain("invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key"));
    }

    [Test]
    public async Task The_dashboard_needs_the_token_in_the_header_or_once_in_the_address_then_its_cookie()
    {
        var token = Token(_key);

        var (without, _) = await SendAsync(HttpMethod.Get, "/hangfire", null);
        var (expired, _) = await SendAsync(HttpMethod.Get, "/hangfire",
            Token(_key, expires: DateTime.UtcNow.AddMinutes(-1), notBefore: DateTime.UtcNow.AddHours(-1)));
        var (withHeader, page) = await SendAsync(HttpMethod.Get, "/hangfire", token);
        using var exchange = await _client.GetAsync("/hangfire/jobs/succeeded?token=" + Uri.EscapeDataString(token));
        var cookie = exchange.Headers.GetValues("Set-Cookie").Single();
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/hangfire/jobs/succeeded");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var cookiePage = await _client.SendAsync(withCookie);
        using var badCookie = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        badCookie.Headers.Add("Cookie", $"{ManagementAuthentication.DashboardCookie}=garbage");
        using var badCookiePage = await _client.SendAsync(badCookie);
        var (badQuery, _) = await SendAsync(HttpMethod.Get, "/hangfire?token=garbage", null);

        Assert.That(without, Is.EqualTo(401));
        Assert.That(expired, Is.EqualTo(401));
        Assert.That(withHeader, Is.EqualTo(200));
        Assert.That(page, Does.Contain("Ekuiper background jobs"));
        Assert.That((int)exchange.StatusCode, Is.EqualTo(302));
        Assert.That(exchange.Headers.Location?.ToString(), Is.EqualTo("/hangfire/jobs/succeeded"));
        Assert.That(cookie, Does.StartWith(ManagementAuthentication.DashboardCookie + "=" + token));
        Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/hangfire"));
        Assert.That((int)cookiePage.StatusCode, Is.EqualTo(200));
        Assert.That((int)badCookiePage.StatusCode, Is.EqualTo(401));
        Assert.That(badQuery, Is.EqualTo(401));
    }

    [Test]
    public async Task The_cookie_and_the_address_carry_no_token_outside_the_dashboard()
    {
        var token = Token(_key);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/streams");
        withCookie.Headers.Add("Cookie", $"{ManagementAuthentication.DashboardCookie}={token}");
        using var cookieAnswer = await _client.SendAsync(withCookie);
        var (query, _) = await SendAsync(HttpMethod.Get, "/streams?token=" + Uri.EscapeDataString(token), null);

        Assert.That((int)cookieAnswer.StatusCode, Is.EqualTo(401));
        Assert.That(query, Is.EqualTo(401));
    }

    [Test]
    public async Task With_a_token_the_dashboard_still_answers_only_this_machine_unless_allowed()
    {
        using var factory = new EkuiperApiFactory(
            dataDirectory: null,
            settings: new Dictionary<string, string?> { ["Ekuiper:Authentication:Enabled"] = "true" },
            services: services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse("192.0.2.7"))));
        Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "mgmt"));
        File.WriteAllText(Path.Combine(factory.DataDirectory, "mgmt", KeyFile), _key.ExportSubjectPublicKeyInfoPem());
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.TryAddWithoutValidation("Authorization", Token(_key));
        using var streams = new HttpRequestMessage(HttpMethod.Get, "/streams");
        streams.Headers.TryAddWithoutValidation("Authorization", Token(_key));

        using var dashboard = await client.SendAsync(request);
        using var api = await client.SendAsync(streams);

        Assert.That((int)dashboard.StatusCode, Is.EqualTo(403));
        Assert.That((int)api.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task With_authentication_off_no_token_is_asked_for()
    {
        using var factory = new EkuiperApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/streams");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
