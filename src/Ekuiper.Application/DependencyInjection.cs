using System.Reflection;
using Ekuiper.Application.AsyncTasks;
using System.Diagnostics.Metrics;
using Ekuiper.Application.Common.Behaviours;
using Ekuiper.Application.Common.Metrics;
using Ekuiper.Application.Store;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ekuiper.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the use cases. MediatR 5's DI package is not available here, so the mediator, its service factory,
    /// the behaviours and every handler of this assembly are registered by hand.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        // Outside validation and the store write: it sees how every import ended, refused ones included.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ImportOutcomeBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        // Constrained to IStoreWrite requests: the container leaves it out of every other request's pipeline.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(StoreWriteBehaviour<,>));
        RegisterHandlers(services, assembly);
        services.AddScoped<Store.ArtifactInstallation>();
        services.AddScoped<Store.RulesetImporter>();
        services.AddScoped<Store.SingleEntryImport>();
        services.AddScoped<Artifacts.Commands.SaveSchema.SchemaWrites>();
        services.AddScoped<Store.StoreWriteUnit>();
        services.AddScoped<DataImport.DocumentImport>();
        // The host's meter factory when it has one (each host its own meter; the integration tests run several).
        services.TryAddSingleton(provider => new EkuiperMetrics(provider.GetService<IMeterFactory>(), provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<DataImport.ImportObserver>();
        services.AddScoped<Backups.StoreBackups>();
        services.TryAddSingleton(Backups.BackupSettings.Default); // Infrastructure registers the configured one

        // One import line and one view of the background imports it runs per server.
        services.TryAddSingleton(AsyncTasks.TaskSettings.Default); // Infrastructure registers the configured one
        services.AddSingleton<IImportGate, ImportGate>();
        services.AddSingleton<LiveImports>();
        services.AddSingleton<IImportProgress>(provider => provider.GetRequiredService<LiveImports>());

        // Singletons: every validator here is stateless, and building one parses its rules' expressions (per request
        // as transients, a good part of a small read's cost).
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(_ => { }, assembly);
        return services;
    }

    private static void RegisterHandlers(IServiceCollection services, Assembly assembly)
    {
        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces()
                         .Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(contract, type);
            }
        }
    }
}
