from __future__ import annotations

from django.urls import path

from beraad.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("t/<slug:team>/members/", views.members, name="members"),
    path("t/<slug:team>/members/<int:pk>/", views.member_update, name="member_update"),
    path(
        "t/<slug:team>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    # The team's access log, for its team admins (the log itself is the audit app's).
    path("t/<slug:team>/log/", views.team_log, name="team_log"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
