namespace CascadeDistill.Pipelines;

/// <summary>Rules of the <c>dataset</c>, <c>student</c>, <c>training</c> and <c>evaluation</c> sections.</summary>
public static partial class PipelineDefinitionValidator
{
    private const string ListwiseRecipeName = "listwise";

    private static void ValidateDataset(PipelineFindings findings, DatasetDefinition dataset, LogWindowDefinition logs)
    {
        findings.OneOf("dataset.recipe", dataset.Recipe, PipelineVocabulary.Recipes);
        findings.InRange("dataset.top_k", dataset.TopK, 1, PipelineLimits.MaxTopK);
        findings.InRange("dataset.catalogue_negatives", dataset.CatalogueNegatives, 0, PipelineLimits.MaxCatalogueNegatives);

        PositionWeightDefinition weight = dataset.PositionWeight;
        findings.Defined("dataset.position_weight.function", weight.Function, PipelineVocabulary.PositionWeightFunctions);
        if (!findings.IsUnreliable("dataset.position_weight.function"))
        {
            if (weight.Function == PositionWeightFunction.Inverse)
            {
                findings.NotNegative("dataset.position_weight.a", weight.A);
            }
            else if (weight.Function == PositionWeightFunction.Exponential)
            {
                findings.Positive("dataset.position_weight.lambda", weight.Lambda);
            }
        }

        if (dataset.Fusion.Count == 0)
        {
            findings.Report("dataset.fusion", "must give a weight to at least one objective");
        }
        foreach ((string objective, double fusionWeight) in dataset.Fusion.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string path = PipelinePath.Child("dataset.fusion", objective);
            if (logs.Objectives.Count > 0 && !logs.Objectives.Contains(objective, StringComparer.Ordinal))
            {
                findings.Report(path,
                    $"objective '{objective}' is not among logs.objectives ({string.Join(", ", logs.Objectives)}){Suggestions.DidYouMean(objective, logs.Objectives)}",
                    "logs.objectives");
            }
            findings.Positive(path, fusionWeight);
        }

        if (dataset.SoftLabel is SoftLabelDefinition softLabel)
        {
            findings.Positive("dataset.soft_label.temperature", softLabel.Temperature);
        }
        findings.Defined("dataset.ranked_list", dataset.RankedList, PipelineVocabulary.RankedLists);
        ValidateListwise(findings, dataset);
    }

    private static void ValidateListwise(PipelineFindings findings, DatasetDefinition dataset)
    {
        bool listwise = dataset.Recipe == ListwiseRecipeName;
        if (listwise && dataset.Listwise is null)
        {
            findings.Report("dataset.listwise", "is required when dataset.recipe is listwise (it needs at least temperature)", "dataset.recipe");
        }
        else if (!listwise && dataset.Listwise is not null && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("dataset.listwise", $"applies to the listwise recipe only (dataset.recipe is {dataset.Recipe}): remove the section or set the recipe to listwise", "dataset.recipe");
        }
        if (dataset.Listwise is ListwiseDefinition settings)
        {
            findings.Positive("dataset.listwise.temperature", settings.Temperature);
            findings.InRange("dataset.listwise.min_list_length", settings.MinListLength, PipelineDefaults.MinListLength, PipelineLimits.MaxMinListLength);
        }
        if (listwise && dataset.CatalogueNegatives != 0)
        {
            findings.Report("dataset.catalogue_negatives",
                $"must be 0 with the listwise recipe (got {PipelineFindings.Text(dataset.CatalogueNegatives)}): lists are the logged candidates of a request, sampled catalogue items are not part of them",
                "dataset.recipe");
        }
    }

    private static void ValidateStudent(PipelineFindings findings, StudentDefinition student)
    {
        findings.OneOf("student.architecture", student.Architecture, PipelineVocabulary.Architectures);
        if (student.HiddenLayers.Count > PipelineLimits.MaxHiddenLayers)
        {
            findings.Report("student.hidden_layers", $"must have at most {PipelineFindings.Text(PipelineLimits.MaxHiddenLayers)} layers (got {PipelineFindings.Text(student.HiddenLayers.Count)})");
        }
        for (int i = 0; i < student.HiddenLayers.Count; i++)
        {
            findings.InRange(PipelinePath.Item("student.hidden_layers", i), student.HiddenLayers[i], 1, PipelineLimits.MaxHiddenWidth);
        }
        findings.InRange("student.embedding_dim", student.EmbeddingDim, 1, PipelineLimits.MaxEmbeddingDim);
        findings.Positive("student.temperature", student.Temperature);
    }

    private static void ValidateTraining(PipelineFindings findings, TrainingDefinition training, DatasetDefinition dataset)
    {
        findings.InRange("training.epochs", training.Epochs, 1, PipelineLimits.MaxEpochs);
        findings.InRange("training.batch_size", training.BatchSize, 1, PipelineLimits.MaxBatchSize);
        findings.Positive("training.learning_rate", training.LearningRate);
        findings.NotNegative("training.weight_decay", training.WeightDecay);
        if (!(training.SoftLabelWeight is >= 0 and <= 1))
        {
            findings.Report("training.soft_label_weight", $"must be between 0 and 1 (got {PipelineFindings.Text(training.SoftLabelWeight)})");
        }
        else if (training.SoftLabelWeight > 0 && dataset.SoftLabel is null && training.DistillationLoss?.Name is null or DistillationLossDefinition.Bce)
        {
            findings.Report("training.soft_label_weight",
                $"is {PipelineFindings.Text(training.SoftLabelWeight)} but the dataset has no soft labels: add dataset.soft_label or set this to 0",
                "dataset.soft_label");
        }
        if (dataset.Recipe == ListwiseRecipeName && training.SoftLabelWeight > 0)
        {
            findings.Report("training.soft_label_weight",
                $"must be 0 with the listwise recipe, which trains ListNet only (got {PipelineFindings.Text(training.SoftLabelWeight)})",
                "dataset.recipe");
        }
        findings.InRange("training.seed", training.Seed, 0, int.MaxValue);
        findings.InRange("training.threads", training.Threads, 0, PipelineLimits.MaxThreads);
        findings.OneOf("training.device", training.Device, PipelineVocabulary.Devices);
    }

    private static void ValidateEvaluation(PipelineFindings findings, EvaluationDefinition evaluation)
    {
        findings.InRange("evaluation.top_k", evaluation.TopK, 1, PipelineLimits.MaxTopK);
        foreach ((string key, int n) in new[] { ("candidate_top_n", evaluation.CandidateTopN), ("catalogue_top_n", evaluation.CatalogueTopN) })
        {
            string path = "evaluation." + key;
            if (n < evaluation.TopK)
            {
                findings.Report(path,
                    $"must be at least evaluation.top_k ({PipelineFindings.Text(evaluation.TopK)}): the student's top n must be able to hold the teacher's top k (got {PipelineFindings.Text(n)})",
                    "evaluation.top_k");
            }
        }
        findings.InRange("evaluation.max_requests", evaluation.MaxRequests, 1, PipelineLimits.MaxRequests);
        findings.InRange("evaluation.seed", evaluation.Seed, 0, int.MaxValue);
    }
}
