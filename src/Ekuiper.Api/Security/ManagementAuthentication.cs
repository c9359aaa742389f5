using Ekuiper.Api.Errors;
using Ekuiper.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ekuiper.Api.Security;

/// <summary>
/// eKuiper's JWT authentication of the management API (<c>Ekuiper:Authentication:Enabled</c>, off by default): every
/// request needs <c>Authorization: &lt;JWT&gt;</c> (or <c>Bearer &lt;JWT&gt;</c>), an RS256 token whose <c>iss</c> names the
/// public key file in the key folder (<see cref="ManagementKeys"/>), whose <c>aud</c> holds <c>eKuiper</c>, and whose
/// <c>exp</c>/<c>nbf</c>, when present, hold now. The framework's JWT bearer handler verifies; a fallback
/// authorization policy puts every endpoint under it but those marked <see cref="AllowAnonymousAttribute"/>
/// (<c>/ping</c> and <c>/</c>, as eKuiper). A refusal is 401 in eKuiper's error shape, worded as eKuiper
/// (<see cref="TokenFailure"/>). The dashboard also takes the token as <c>?token=</c>, once, which it keeps in the
/// cookie <see cref="DashboardCookie"/> for the pages that follow.
/// </summary>
public static class ManagementAuthentication
{
    public const string Audience = "eKuiper";

    public const string DashboardCookie = "ekuiper_dashboard_token";

    private const string TokenItem = "Ekuiper.Security.Token";

    public static bool IsAuthenticationEnabled(this IConfiguration configuration) =>
        configuration.GetSection(AuthenticationSettings.SectionName).Get<AuthenticationSettings>()?.Enabled ?? false;

    /// <summary>The JWT bearer scheme and the fallback policy when authentication is on; the default binding either way.</summary>
    public static WebApplicationBuilder AddManagementAuthentication(this WebApplicationBuilder builder)
    {
        builder.ListenOnLoopbackByDefault();
        if (!builder.Configuration.IsAuthenticationEnabled())
        {
            return builder;
        }
        var services = builder.Services;
        services.Configure<AuthenticationSettings>(builder.Configuration.GetSection(AuthenticationSettings.SectionName));
        services.AddSingleton<ManagementKeys>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<ManagementKeys>((options, keys) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                // The issuer is checked by naming the key: a token verifies only with the key file its iss names.
                ValidateIssuer = false,
                ValidateAudience = true,
                ValidAudience = Audience,
                ValidateLifetime = true,
                RequireExpirationTime = false, // exp is optional in eKuiper; when present it holds
                ClockSkew = TimeSpan.Zero,     // as eKuiper's library: no leeway
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                IssuerSigningKeyResolver = (_, token, _, _) =>
                    keys.Find(token is JsonWebToken jwt ? jwt.Issuer : token?.Issuer).Key is { } key ? [key] : [],
            };
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = ReadToken,
                OnChallenge = context => RefuseAsync(context, keys),
            };
        });
        services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// Authentication and authorization (when on), then the dashboard's token cookie; with authentication off, the
    /// warning for a binding other machines can reach. Before anything that reads a body.
    /// </summary>
    public static WebApplication UseManagementAuthentication(this WebApplication app)
    {
        var enabled = app.Configuration.IsAuthenticationEnabled();
        if (!enabled)
        {
            app.WarnWhenReachableWithoutAuthentication();
            return app;
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BackgroundJobsSetup.DashboardPath)
                               && context.Request.Query.ContainsKey("token"),
            dashboard => dashboard.Run(KeepDashboardTokenAsync));
        return app;
    }

    /// <summary>The token: the whole Authorization header, less a "Bearer " prefix; for the dashboard also ?token= or its cookie.</summary>
    private static Task ReadToken(MessageReceivedContext context)
    {
        var request = context.Request;
        var header = request.Headers.Authorization.ToString().Trim();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header;
        if (token.Length == 0 && request.Path.StartsWithSegments(BackgroundJobsSetup.DashboardPath))
        {
            token = request.Query["token"].FirstOrDefault() ?? request.Cookies[DashboardCookie] ?? string.Empty;
        }
        if (token.Length == 0)
        {
            context.NoResult();
            return Task.CompletedTask;
        }
        context.Token = token;
        context.HttpContext.Items[TokenItem] = token;
        return Task.CompletedTask;
    }

    private static Task RefuseAsync(JwtBearerChallengeContext context, ManagementKeys keys)
    {
        context.HandleResponse();
        var message = TokenFailure.Describe(context.AuthenticateFailure, context.HttpContext.Items[TokenItem] as string, keys);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return EkuiperExceptionHandler.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
            EkuiperExceptionHandler.For(StatusCodes.Status401Unauthorized, message));
    }

    /// <summary>
    /// A dashboard request that brought a valid token as ?token= (it got past the policy): the token goes into an
    /// HTTP-only cookie for this path, and the browser is sent to the same page without it in the address.
    /// </summary>
    private static Task KeepDashboardTokenAsync(HttpContext context)
    {
        var token = context.Items[TokenItem] as string ?? string.Empty;
        var expires = new JsonWebToken(token).ValidTo;
        context.Response.Cookies.Append(DashboardCookie, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = BackgroundJobsSetup.DashboardPath,
            Expires = expires == DateTime.MinValue ? null : new DateTimeOffset(expires, TimeSpan.Zero),
        });
        var query = QueryString.Create(context.Request.Query.Where(p => p.Key != "token"));
        context.Response.Redirect(context.Request.PathBase + context.Request.Path + query);
        return Task.CompletedTask;
    }
}
