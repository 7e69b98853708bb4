import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * An `operationName` that names no operation, or several operations sent without one, is the
 * client's mistake: a 400 that says which, before the gateway's planner or a subgraph's executor is
 * reached (the gateway answered 500 for it).
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served here; send a query or a mutation', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
          if (operation) return;
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          const given = request.operationName;
          const message =
            given === undefined || given === null
              ? `The document holds ${names.length} operations (${names.join(', ')}); say which to run with operationName`
              : `operationName ${JSON.stringify(given)} names no operation in the document (it holds: ${names.join(', ') || 'none'})`;
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
