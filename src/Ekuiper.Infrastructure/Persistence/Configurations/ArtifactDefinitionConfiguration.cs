using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class ArtifactDefinitionConfiguration : IEntityTypeConfiguration<ArtifactDefinition>
{
    public void Configure(EntityTypeBuilder<ArtifactDefinition> builder)
    {
        builder.ToTable("Artifacts");
        builder.HasKey(a => new { a.Kind, a.Key });
        builder.Property(a => a.Kind).HasConversion<string>();
        builder.Property(a => a.Json).IsRequired();
    }
}
