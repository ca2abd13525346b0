// Every workflow the worker registers.
export { orderWorkflow } from './order-workflow';
export { sweeperWorkflow } from './sweeper-workflow';
export { retentionWorkflow } from './retention-workflow';
export { notificationWorkflow } from './notification-workflow';
export { refundWorkflow } from './refund-workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery-workflow';
export { webhookSweeperWorkflow } from './webhook-sweeper-workflow';
