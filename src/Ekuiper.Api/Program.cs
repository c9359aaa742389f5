using Microsoft.AspNetCore.WebUtilities;
using System.Text.Json;
using Ekuiper.Api.Errors;
using Ekuiper.Api.Formatting;
using Ekuiper.Api.Http;
using Ekuiper.Application;
using Ekuiper.Application.AsyncTasks.Commands.MarkInterruptedTasks;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Infrastructure;
using Ekuiper.Infrastructure.Jobs;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Kestrel's own body limit (30 MB by default) set to ours; RequestBodyLimitMiddleware answers it in eKuiper's shape.
var maxRequestBodyBytes = builder.Configuration.GetSection(EkuiperOptions.SectionName).Get<EkuiperOptions>()?.MaxRequestBodyBytes
                          ?? new EkuiperOptions().MaxRequestBodyBytes;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes);

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services
    .AddControllers(options =>
    {
        options.Filters.Add<EkuiperExceptionFilter>();
        // eKuiper clients post JSON with any Content-Type, curl's form default included: never read such bodies as forms.
        options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        // The import body is read by its own formatter, ahead of the JSON ones: its content is kept as UTF-8, once.
        options.InputFormatters.Insert(0, new ImportBodyInputFormatter());
        options.InputFormatters.Add(new AnyContentTypeJsonInputFormatter(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    })
    .ConfigureApiBehaviorOptions(options =>
    {
        // A body that does not decode is answered as eKuiper answers it, with the decoder's reason appended.
        options.InvalidModelStateResponseFactory = context =>
        {
            // The decoder's reason comes first; the "field is required" that follows it adds nothing.
            var reason = context.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)
                .FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "empty body";
            return new BadRequestObjectResult(new ErrorBody(ErrorCodes.General, $"Invalid body: Error decoding json: {reason}"));
        };
    });
builder.Services.AddOpenApi(options => options.AddSchemaTransformer<Utf8StringSchemaTransformer>());

var app = builder.Build();

await app.Services.InitialiseDatabaseAsync();
await app.Services.MarkInterruptedTasksAsync();

app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
{
    var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
    var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
    context.Response.StatusCode = status;
    await context.Response.WriteAsJsonAsync(new ErrorBody(ErrorCodes.General, error?.Message ?? "internal error"));
}));
// Routing misses (404, 405, 415) get eKuiper's error body too, not an empty page.
app.UseStatusCodePages(async context =>
{
    var response = context.HttpContext.Response;
    var code = response.StatusCode == StatusCodes.Status404NotFound ? ErrorCodes.NotFound : ErrorCodes.General;
    await response.WriteAsJsonAsync(new ErrorBody(code,
        $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}: {ReasonPhrases.GetReasonPhrase(response.StatusCode)}"));
});

app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseJobsDashboard();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapControllers();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
