using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

/// <summary>No foreign keys point here: rows of older versions name a SHA-256 without a blob, and backups refer to blobs from JSON.</summary>
public sealed class ArtifactBlobConfiguration : IEntityTypeConfiguration<ArtifactBlob>
{
    public void Configure(EntityTypeBuilder<ArtifactBlob> builder)
    {
        builder.ToTable("ArtifactBlobs");
        builder.HasKey(b => b.Sha256);
        builder.Property(b => b.Content).IsRequired();
    }
}
