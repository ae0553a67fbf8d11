window.labyrintSearch.load("t-s",{"se":"Gwe","sig":"G7C er","sit":"A4Z e","sted":"D4Z","stu":"DnO","støt":"D7W te","svar":"FsG er","svær":"J6K e"});
