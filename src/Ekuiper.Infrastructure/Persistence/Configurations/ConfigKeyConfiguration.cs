using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class ConfigKeyConfiguration : IEntityTypeConfiguration<ConfigKey>
{
    public void Configure(EntityTypeBuilder<ConfigKey> builder)
    {
        builder.ToTable("ConfigKeys");
        builder.HasKey(k => new { k.Category, k.PluginType, k.Name });
        builder.Property(k => k.Category).HasConversion<string>();
        builder.Property(k => k.PropertiesJson).IsRequired();
    }
}
