/**
 * The sandbox: a third chat adapter, a small web app at {@code /} where a person plays the customers, agents
 * and leads of one support channel in the browser, on a simulated clock of its own, through the real engine
 * (its own tenant in the same database; nudges arrive through the same {@code ChatGateway} port as on Slack
 * and Teams). Also the playbook dry-run. Loopback only unless configured otherwise.
 */
package io.happy3.adapter.sandbox;
