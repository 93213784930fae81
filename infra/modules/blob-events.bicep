// The storage account's Event Grid system topic (an account has one), and the delivery of BlobDeleted events from the
// articles container to a storage queue that the RetractDeletedUpload queue trigger reads. A queue destination needs
// no key, so this is deployed in the first pass; the BlobCreated webhook (event-grid.bicep) joins it once the code runs.

param location string
param tags object
param storageAccountName string
param articlesContainer string
param deletionsQueue string
param deadLetterContainer string

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${storageAccountName}-events'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' existing = {
  parent: account
  name: 'default'
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: blobService
  name: deadLetterContainer
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' existing = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = {
  parent: queueService
  name: deletionsQueue
}

// Event Grid writes undeliverable events to the dead-letter container, and deleted-blob events to the queue, with its
// own identity, each role scoped to that one container or queue: it can touch no article blob. No key anywhere.
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var queueMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deadLetters
  name: guid(deadLetters.id, systemTopic.id, blobDataContributor)
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
  }
}

resource queueWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, systemTopic.id, queueMessageSender)
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueMessageSender)
  }
}

resource deletions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'article-deletions-to-queue'
  dependsOn: [
    deadLetterWriter
    queueWriter
  ]
  properties: {
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: deletionsQueue
          // A week: the reconcile timer handles any delete whose event expires unread.
          queueMessageTimeToLiveInSeconds: 604800
        }
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobDeleted'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${articlesContainer}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: account.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}

output systemTopicName string = systemTopic.name
