using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ekuiper.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ekuiper.Api.Security;

/// <summary>The "Ekuiper:Authentication" section.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "Ekuiper:Authentication";

    /// <summary>False (default, as eKuiper's <c>basic.authentication</c>): no token is asked for.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder of the public keys (PEM) tokens are verified with; default <c>&lt;data&gt;/mgmt</c>.</summary>
    public string? KeyDirectory { get; set; }
}

/// <summary>A key found for an issuer, or why there is none (worded as eKuiper's key lookup words it).</summary>
public readonly record struct KeyLookup(SecurityKey? Key, string? Error);

/// <summary>
/// The public keys of the management folder, as eKuiper's <c>etc/mgmt</c>: a token's <c>iss</c> is the file name of
/// the key that verifies it (the whole name, <c>.pub</c> or any other suffix included, compared without regard to
/// case). A file is read once and read again when its time or size changes; the folder is listed on every lookup, so a
/// key added or removed counts at the next request.
/// </summary>
public sealed class ManagementKeys(IOptions<AuthenticationSettings> settings, IOptions<EkuiperOptions> options, ILogger<ManagementKeys> logger)
{
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(settings.Value.KeyDirectory is { Length: > 0 } configured
        ? configured
        : Path.Combine(options.Value.ResolveDataDirectory(), "mgmt"));

    public KeyLookup Find(string? issuer)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return new KeyLookup(null, "issuer field not exist in jwt payload");
        }
        var path = FileFor(issuer);
        if (path is null)
        {
            return new KeyLookup(null, $"not found target key file {issuer} in the key folder");
        }
        FileInfo file = new(path);
        var stamp = (file.LastWriteTimeUtc, file.Exists ? file.Length : -1);
        if (_cache.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Lookup;
        }
        var lookup = Load(path);
        _cache[path] = new CachedKey(stamp, lookup);
        return lookup;
    }

    /// <summary>The file whose name is the issuer: the exact name first, else the first that differs only in case.</summary>
    private string? FileFor(string issuer)
    {
        if (issuer.IndexOfAny(['/', '\\']) >= 0 || !System.IO.Directory.Exists(Directory))
        {
            return null;
        }
        return System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => string.Equals(Path.GetFileName(f), issuer, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Path.GetFileName(f) == issuer ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>An RSA public key in PEM: <c>PUBLIC KEY</c> (PKIX), <c>RSA PUBLIC KEY</c> (PKCS #1) or a <c>CERTIFICATE</c>.</summary>
    private KeyLookup Load(string path)
    {
        const string NotAKey = "invalid key: Key must be a PEM encoded PKCS1 or PKCS8 key";
        try
        {
            var text = File.ReadAllText(path);
            var pem = PemEncoding.TryFind(text, out var fields) ? text[fields.Label] : null;
            RSA? rsa = null;
            switch (pem)
            {
                case "PUBLIC KEY" or "RSA PUBLIC KEY":
                    rsa = RSA.Create();
                    rsa.ImportFromPem(text);
                    break;
                case "CERTIFICATE":
                    using (var certificate = X509Certificate2.CreateFromPem(text))
                    {
                        rsa = certificate.GetRSAPublicKey();
                    }
                    break;
            }
            if (rsa is null)
            {
                logger.LogWarning("The key file {Path} holds no RSA public key in PEM; tokens naming it are refused", path);
                return new KeyLookup(null, NotAKey);
            }
            return new KeyLookup(new RsaSecurityKey(rsa), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            logger.LogWarning(e, "The key file {Path} cannot be read as an RSA public key; tokens naming it are refused", path);
            return new KeyLookup(null, NotAKey);
        }
    }

    private sealed record CachedKey((DateTime, long) Stamp, KeyLookup Lookup);
}
