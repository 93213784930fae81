// The news pipeline on Azure: Functions on the Flex Consumption plan, one storage account reached only through a
// user-assigned managed identity, Application Insights on a Log Analytics workspace, and (second pass, after the
// code is published) the Event Grid subscription that feeds the blob trigger.
//
//   azd up        (azure.yaml: infra/main.parameters.json from the azd environment; the postdeploy hook, once the
//                  host has its blobs_extension key, deploys this template again with enableEventGridSubscription=true)
//   az deployment group create -g <rg> -f infra/main.bicep [-p principalId=...]
//   (publish the code, then)  ... -p enableEventGridSubscription=true

targetScope = 'resourceGroup'

@description('Short name used to derive resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param appName string = 'newspipe'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {
  application: 'serverless-news-pipeline'
}

@description('The azd environment (AZURE_ENV_NAME): every resource gets the azd-env-name tag, by which azd finds them. Empty outside azd.')
@maxLength(64)
param environmentName string = ''

@description('Object id of the deploying user or service principal (AZURE_PRINCIPAL_ID). When set, it gets Storage Blob Data Contributor on the articles container only (not the account, whose deployment package container holds the app\'s code), to upload articles.')
param principalId string = ''

@description('What principalId is.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('NCRONTAB schedule of the rescoring timer (RescoreSchedule).')
param rescoreSchedule string = '0 */15 * * * *'

@description('Largest accepted upload, in bytes.')
param maxFileBytes int = 5242880

@description('Hours after which heat halves.')
param heatHalfLifeHours int = 24

@description('Base heat from which an article is published.')
param publishThreshold int = 70

@description('Signs feed paging cursors; a new random value per deployment unless given.')
@secure()
param feedsCursorSecret string = newGuid()

@description('Public address every absolute feed link is built from (Front Door/CDN endpoint or custom domain), e.g. https://news.example.com. Empty: links name the request host.')
param feedsPublicBaseUrl string = ''

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance (Flex Consumption sizes).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Create the Event Grid subscription for the blob trigger. Set true in the second deployment, after the code is published.')
param enableEventGridSubscription bool = false

// The name azure.yaml gives the function app's service; azd deploys the code to the resource with this tag.
var serviceName = 'functions'
var resourceTags = empty(environmentName) ? tags : union(tags, { 'azd-env-name': environmentName })
var suffix = uniqueString(resourceGroup().id, appName)
var storageAccountName = take(toLower('${appName}${suffix}'), 24)
var functionAppName = '${appName}-func-${suffix}'
var articlesContainer = 'articles'
var documentsContainer = 'article-documents'
var deploymentContainer = 'app-package'
var deadLetterContainer = 'eventgrid-deadletter'
var tableNames = {
  articles: 'Articles'
  ingestStatus: 'IngestStatus'
  topicIndex: 'TopicIndex'
  topicStats: 'TopicStats'
  maintenance: 'Maintenance'
  stories: 'Stories'
  changes: 'Changes'
  audit: 'Audit'
}

// Read by the RetractDeletedUpload queue trigger (its name is a constant of the code).
var deletionsQueue = 'upload-deletions'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: resourceTags
    containers: [articlesContainer, documentsContainer, deploymentContainer, deadLetterContainer]
    tables: [tableNames.articles, tableNames.ingestStatus, tableNames.topicIndex, tableNames.topicStats, tableNames.maintenance, tableNames.stories, tableNames.changes, tableNames.audit]
    queues: [deletionsQueue]
  }
}

// BlobDeleted events reach the app through a queue from the first deployment on (retractions, see the README).
module blobEvents 'modules/blob-events.bicep' = {
  name: 'blob-events'
  params: {
    location: location
    tags: resourceTags
    storageAccountName: storage.outputs.name
    articlesContainer: articlesContainer
    deletionsQueue: deletionsQueue
    deadLetterContainer: deadLetterContainer
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${appName}-id-${suffix}'
  location: location
  tags: resourceTags
}

module storageRoles 'modules/role-assignment.bicep' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: 'storage-role-${role}'
    params: {
      storageAccountName: storage.outputs.name
      principalId: identity.properties.principalId
      roleDefinitionId: role
    }
  }
]

// The deployer's own data access, to upload articles with an Entra token (shared keys are off). Scoped to the articles
// container: on the account it would also cover the deployment package container, and an uploader could replace the
// app's code. Only the app's identity (above) holds a blob data role on the whole account.
module deployerBlobRole 'modules/container-role-assignment.bicep' = if (!empty(principalId)) {
  name: 'deployer-blob-role'
  params: {
    storageAccountName: storage.outputs.name
    containerName: articlesContainer
    principalId: principalId
    principalType: principalType
    roleDefinitionId: roles.storageBlobDataContributor
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${appName}-logs-${suffix}'
  location: location
  tags: resourceTags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-ai-${suffix}'
  location: location
  tags: resourceTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted only with an Entra token (the app's managed identity), not with the key alone.
    DisableLocalAuth: true
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${appName}-plan-${suffix}'
  location: location
  tags: resourceTags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(resourceTags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.outputs.blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Identity-based connection: the account name and the identity, never a key or connection string.
        { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        { name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT', value: '1048576' }
        { name: 'ArticlesContainer', value: articlesContainer }
        { name: 'DocumentsContainer', value: documentsContainer }
        { name: 'ArticlesTable', value: tableNames.articles }
        { name: 'IngestStatusTable', value: tableNames.ingestStatus }
        { name: 'TopicIndexTable', value: tableNames.topicIndex }
        { name: 'TopicStatsTable', value: tableNames.topicStats }
        { name: 'MaintenanceTable', value: tableNames.maintenance }
        { name: 'StoriesTable', value: tableNames.stories }
        { name: 'ChangesTable', value: tableNames.changes }
        { name: 'AuditTable', value: tableNames.audit }
        { name: 'RescoreSchedule', value: rescoreSchedule }
        { name: 'RecoverSchedule', value: '0 */10 * * * *' }
        { name: 'ReconcileSchedule', value: '0 0 * * * *' }
        { name: 'Ingestion__ReconcilePagesPerRun', value: '10' }
        { name: 'Rescore__WriteConcurrency', value: '8' }
        { name: 'Rescore__ReadConcurrency', value: '4' }
        { name: 'Rescore__ChangesPerSlice', value: '2000' }
        { name: 'Rescore__SecondsPerRun', value: '240' }
        { name: 'Rescore__SetAsideRetryMinutes', value: '15' }
        { name: 'Rescore__SetAsideAttempts', value: '4' }
        { name: 'Rescore__SettleSeconds', value: '60' }
        { name: 'Rescore__LeaseSeconds', value: '180' }
        { name: 'Ingestion__MaxFileBytes', value: string(maxFileBytes) }
        { name: 'Ingestion__RecoverAfterSeconds', value: '300' }
        { name: 'Ingestion__RecoverPagesPerRun', value: '10' }
        { name: 'Ingestion__RecoverPageSize', value: '5000' }
        { name: 'Parser__MaxNodes', value: '200000' }
        { name: 'Parser__MaxDepth', value: '64' }
        { name: 'Parser__MaxTitleLength', value: '1000' }
        { name: 'Heat__HalfLifeHours', value: string(heatHalfLifeHours) }
        { name: 'Heat__PublishThreshold', value: string(publishThreshold) }
        { name: 'Heat__DefaultQuality', value: '40' }
        { name: 'Heat__ArticleCoverageWeight', value: '0.15' }
        { name: 'Heat__ProviderCoverageWeight', value: '0.15' }
        { name: 'Heat__StoryQualityShare', value: '0.2' }
        { name: 'Heat__CitationWeight', value: '0.5' }
        { name: 'Heat__MaxCitationsPerFile', value: '3' }
        { name: 'Heat__MaxLift', value: '2.5' }
        { name: 'Stories__SimilarityThreshold', value: '0.08' }
        { name: 'Stories__WindowDays', value: '6' }
        { name: 'Stories__MaxWordShare', value: '0.05' }
        { name: 'Topics__TaxonomyPath', value: '' }
        { name: 'Feeds__CursorSecret', value: feedsCursorSecret }
        { name: 'Feeds__MaxAgeSeconds', value: '60' }
        { name: 'Feeds__PageCacheSeconds', value: '5' }
        { name: 'Feeds__FrontPageStories', value: '5' }
        { name: 'Feeds__PublicBaseUrl', value: feedsPublicBaseUrl }
      ]
    }
  }
  dependsOn: [
    storageRoles
  ]
}

module eventGrid 'modules/event-grid.bicep' = if (enableEventGridSubscription) {
  name: 'event-grid'
  params: {
    storageAccountName: storage.outputs.name
    systemTopicName: blobEvents.outputs.systemTopicName
    functionAppName: functionApp.name
    functionName: 'IngestArticle'
    articlesContainer: articlesContainer
    deadLetterContainer: deadLetterContainer
  }
}

// Upper-case names: azd stores outputs in the environment under these names, and infra/hooks/postdeploy.sh reads them.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.properties.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_ARTICLES_CONTAINER_URL string = '${storage.outputs.blobEndpoint}${articlesContainer}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
