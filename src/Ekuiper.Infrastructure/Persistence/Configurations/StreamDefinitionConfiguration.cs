using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class StreamDefinitionConfiguration : IEntityTypeConfiguration<StreamDefinition>
{
    public void Configure(EntityTypeBuilder<StreamDefinition> builder)
    {
        builder.ToTable("Streams");
        // One name space for streams and tables, as in eKuiper.
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Kind).HasConversion<string>();
        builder.Property(s => s.Statement).IsRequired();
    }
}
