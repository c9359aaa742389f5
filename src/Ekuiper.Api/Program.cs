using System.Text.Json;
using Ekuiper.Api.Errors;
using Ekuiper.Api.Formatting;
using Ekuiper.Api.Http;
using Ekuiper.Api.OpenApi;
using Ekuiper.Api.Operability;
using Ekuiper.Api.Security;
using Ekuiper.Application;
using Ekuiper.Infrastructure;
using Ekuiper.Infrastructure.Jobs;
using Ekuiper.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Scalar.AspNetCore;

// The content root is this application's folder wherever it is started from (docs/operations.md, Running as a service).
var builder = WebApplication.CreateBuilder(OperabilitySetup.ApplicationOptions(args));

// Kestrel's own body limit (30 MB by default) set to ours; RequestBodyLimitMiddleware answers it in eKuiper's shape.
var maxRequestBodyBytes = builder.Configuration.GetSection(EkuiperOptions.SectionName).Get<EkuiperOptions>()?.MaxRequestBodyBytes
                          ?? new EkuiperOptions().MaxRequestBodyBytes;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes);

// Security/: eKuiper's JWT authentication when Ekuiper:Authentication:Enabled; 127.0.0.1:9081 unless told where to listen.
builder.AddManagementAuthentication();
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
// systemd, /healthz, /readyz, /metrics and the request log (Operability/).
builder.AddOperability();
builder.Services
    .AddControllers(options =>
    {
        // eKuiper clients post JSON with any Content-Type, curl's form default included: never read such bodies as forms.
        options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        // The import body is read by its own formatter, ahead of the JSON ones: its content is kept as UTF-8, once.
        options.InputFormatters.Insert(0, new ImportBodyInputFormatter());
        // Every other JSON body is decoded as eKuiper's Go decoder decodes it, application/json included.
        options.InputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>();
        options.InputFormatters.Add(new AnyContentTypeJsonInputFormatter(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    })
    .ConfigureApiBehaviorOptions(options =>
    {
        // A body that does not decode is answered as eKuiper answers it, with the decoder's reason appended.
        options.InvalidModelStateResponseFactory = context =>
        {
            // The decoder's reason comes first; the "field is required" that follows it adds nothing. The JSON formatter
            // words its refusals in full, as eKuiper (GoBodies); an empty body never reaches it, and is Go's "EOF".
            var reason = context.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)
                .FirstOrDefault(m => !string.IsNullOrEmpty(m));
            var decoding = GoBodies.For(context.ActionDescriptor.Parameters
                .FirstOrDefault(p => p.BindingInfo?.BindingSource == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.ParameterType);
            var message = reason switch
            {
                null or "" => $"{decoding.Prefix}: EOF",
                _ when reason.StartsWith("Invalid body", StringComparison.Ordinal) => reason,
                _ when reason.Contains("non-empty request body", StringComparison.Ordinal) => $"{decoding.Prefix}: EOF",
                _ => $"{decoding.Prefix}: {reason}",
            };
            return EkuiperExceptionHandler.Result(StatusCodes.Status400BadRequest, message);
        };
    });
// The served OpenAPI document is a contract: every operation described in OpenApi/ApiOperations (docs/api.md, OpenAPI).
builder.Services.AddEkuiperOpenApi();
// Every exception a request throws is answered here, in eKuiper's shape (docs/architecture.md, Errors).
builder.Services.AddExceptionHandler<EkuiperExceptionHandler>();

var app = builder.Build();

try
{
    // Takes the data directory's lock first: a second server on the same directory stops here, having touched nothing.
    await app.Services.PrepareStoresAsync();
}
catch (DataDirectoryInUseException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await app.DisposeAsync();
    return DataDirectoryInUseException.ExitCode; // 3, see docs/operations.md
}
// The previous run's tasks are marked interrupted and the store's artifacts installed aside while the server starts
// listening: until both are done only the probes are answered, and /readyz says not ready.
app.Services.FinishStartInBackground();

app.UseRequestLog();
app.UseExceptionHandler(EkuiperExceptionHandler.MiddlewareOptions());
// Routing misses (404, 405, 415) get eKuiper's error body too, not an empty page.
app.UseStatusCodePages(context => EkuiperExceptionHandler.WriteStatusCodePageAsync(context.HttpContext));

app.UseMiddleware<StartGateMiddleware>();
app.UseManagementAuthentication();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseJobsDashboard(requireAuthenticatedUser: app.Configuration.IsAuthenticationEnabled());
app.MapOpenApi();
app.MapScalarApiReference();
app.MapControllers();
app.MapOperabilityEndpoints();

app.Run();
return Environment.ExitCode; // 0, or 100 after stop=1 (ProcessStopper)

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
