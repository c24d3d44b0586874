"""Labs keep their own page: public profiles, a project catalogue, peers and municipality pages."""
