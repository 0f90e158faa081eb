import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

// Loaded on demand. The task and post lists and pages are public; acting needs a login.
export const crowdRoutes: RouteObject[] = [
  { path: 'crowd', element: <Navigate to="/crowd/tasks" replace /> },
  { path: 'crowd/tasks', lazy: async () => ({ Component: (await import('./tasks')).TasksPage }) },
  {
    path: 'crowd/tasks/new',
    lazy: async () => {
      const { NewTaskPage } = await import('./tasks');
      return { Component: () => <RequireAuth><NewTaskPage /></RequireAuth> };
    },
  },
  { path: 'crowd/tasks/:id', lazy: async () => ({ Component: (await import('./tasks')).TaskPage }) },
  {
    path: 'crowd/mine',
    lazy: async () => {
      const { MinePage } = await import('./tasks');
      return { Component: () => <RequireAuth><MinePage /></RequireAuth> };
    },
  },
  {
    path: 'crowd/disputes',
    lazy: async () => {
      const { DisputesPage } = await import('./tasks');
      return { Component: () => <RequireAuth><DisputesPage /></RequireAuth> };
    },
  },
  { path: 'crowd/posts', lazy: async () => ({ Component: (await import('./posts')).PostsPage }) },
  {
    path: 'crowd/posts/new',
    lazy: async () => {
      const { NewPostPage } = await import('./posts');
      return { Component: () => <RequireAuth><NewPostPage /></RequireAuth> };
    },
  },
  { path: 'crowd/posts/:id', lazy: async () => ({ Component: (await import('./posts')).PostPage }) },
  {
    path: 'crowd/threads',
    lazy: async () => {
      const { ThreadsPage } = await import('./posts');
      return { Component: () => <RequireAuth><ThreadsPage /></RequireAuth> };
    },
  },
  {
    path: 'crowd/threads/:id',
    lazy: async () => {
      const { ThreadPage } = await import('./posts');
      return { Component: () => <RequireAuth><ThreadPage /></RequireAuth> };
    },
  },
];
