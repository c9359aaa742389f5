using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ekuiper.Api.Security;

/// <summary>
/// Words a refused token as eKuiper's auth middleware does: <c>missing_token</c>; <c>validate token error: …</c> with
/// the reason of its JWT library (golang-jwt) for a token that does not parse, verify or hold valid times; and
/// <c>audience field should contain eKuiper, but got […]</c>. The framework's handler decides; this only words.
/// </summary>
public static class TokenFailure
{
    public const string Missing = "missing_token";

    private const string Prefix = "validate token error: ";

    public static string Describe(Exception? failure, string? token, ManagementKeys keys)
    {
        if (failure is null || string.IsNullOrEmpty(token))
        {
            return Missing;
        }
        var parsed = TryRead(token);
        return failure switch
        {
            SecurityTokenExpiredException => Prefix + "token has invalid claims: token is expired",
            SecurityTokenNotYetValidException => Prefix + "token has invalid claims: token is not valid yet",
            SecurityTokenInvalidAudienceException =>
                $"audience field should contain eKuiper, but got [{string.Join(' ', parsed?.Audiences ?? [])}]",
            // Key not found, wrong algorithm, bad signature or none: eKuiper's library looks the key up first, then verifies.
            SecurityTokenInvalidSignatureException when keys.Find(parsed?.Issuer).Error is { } keyError =>
                Prefix + "token is unverifiable: error while executing keyfunc: " + keyError,
            SecurityTokenInvalidSignatureException when parsed is { IsSigned: false } =>
                Prefix + "token signature is invalid: 'none' signature type is not allowed",
            SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException when parsed?.Alg != SecurityAlgorithms.RsaSha256 =>
                Prefix + $"token signature is invalid: signing method {parsed?.Alg} is invalid; use RS256",
            SecurityTokenInvalidSignatureException => Prefix + "token signature is invalid: crypto/rsa: verification error",
            _ when parsed is null => Prefix + "token is malformed: " + (token.Split('.').Length == 3
                ? "could not base64 or JSON decode its header or claims"
                : "token contains an invalid number of segments"),
            _ => Prefix + "invalid token",
        };
    }

    /// <summary>The token's claims read without verifying anything: only to word the refusal.</summary>
    private static JsonWebToken? TryRead(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException or FormatException)
        {
            return null;
        }
    }
}
