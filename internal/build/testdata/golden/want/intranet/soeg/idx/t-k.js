window.labyrintSearch.load("t-k",{"kan":"DnH","kun":"I6E"});
